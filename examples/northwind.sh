#!/usr/bin/env bash
# Rebuilds the sample store examples/northwind from scratch by running saypro, one
# dated step at a time, so that every record is written by saypro itself, in its
# stable form. The story: Northwind Health Trust's strategy meetings from September
# to November 2026, as they stand on Tuesday 24 November 2026.
#
#   cargo build && examples/northwind.sh [PATH-TO-SAYPRO [OUTPUT-DIR]]
#
# Without arguments it uses target/debug/saypro and replaces examples/northwind;
# `git diff` then shows what changed. The KPI values come from
# examples/northwind-kpis.csv. The tests run this script into a temporary folder
# and compare the result with examples/northwind, file by file.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
saypro=${1:-$here/../target/debug/saypro}
out=${2:-$here/northwind}
if [ ! -x "$saypro" ]; then
  echo "no saypro at $saypro: run \`cargo build\` first, or pass its path" >&2
  exit 1
fi
saypro=$(cd "$(dirname "$saypro")" && pwd)/$(basename "$saypro")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=$work/northwind

# Nothing from the machine running the script may leak into the records: no user
# config, no git identity, no editor. Every step says who acts (--as) and when (on).
export SAYPRO_CONFIG=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
unset SAYPRO_DIR SAYPRO_USER VISUAL EDITOR
seed=0

# new ARGS: saypro in the store, at the time set by `on`, never prompting; prints
# what saypro prints on stdout (the id of a new action or risk). Each call gets the
# next seed, so ids are the same on every run and never reused.
new() {
  seed=$((seed + 1))
  SAYPRO_SEED=$seed "$saypro" -C "$store" --yes --quiet "$@"
}
# sp ARGS: like new, without the output.
sp() { new "$@" >/dev/null; }
# on TIME: sets the clock, e.g. `on 2026-09-07T15:30:00+01:00`.
on() { export SAYPRO_NOW=$1; }
# update MEETING DEPT PERSON TIME: submits the department update read from stdin.
update() {
  on "$4"
  sp --as "$3" update submit "$1" --dept "$2" --file -
}
# feedback MEETING PERSON|- P F C U [WORKED [IMPROVE]]: one response ("-": anonymous).
feedback() {
  local meeting=$1 who=$2
  local args=(feedback add "$meeting" --preparation "$3" --focus "$4" --collaboration "$5" --usefulness "$6")
  [ -n "${7:-}" ] && args+=(--worked "$7")
  [ -n "${8:-}" ] && args+=(--improve "$8")
  if [ "$who" = - ]; then
    sp --as grace "${args[@]}" --anonymous
  else
    sp --as "$who" "${args[@]}"
  fi
}

# ---------------------------------------------------------------------------
# The organisation
# ---------------------------------------------------------------------------
on 2026-08-24T09:00:00+01:00
"$saypro" init "$store" --org "Northwind Health Trust" --quiet
cat >>"$store/README.md" <<'EOF'

## About this sample

Northwind Health Trust is fictional. This store is saypro's sample organisation: six
departments, a strategic plan with four objectives, a year of monthly KPIs, and the
strategy meetings of September to November 2026 with their updates, notes, decisions,
actions, risks and feedback, as they stand on Tuesday 24 November 2026. Set
`SAYPRO_NOW=2026-11-24` to see the reports as of that day, for example
`SAYPRO_NOW=2026-11-24 saypro report agenda next`. `../northwind.sh` rebuilds it.
EOF
cat >"$store/saypro.toml" <<'EOF'
# saypro store configuration. Edit it by hand or with `saypro dept add|update|rename|remove`
# and `saypro person add|update|rename|remove`; saypro keeps your comments and layout
# when it changes this file. To change an id, use `rename`: it also changes every
# record that names it.
#
# Departments are [[departments]] blocks at the end of this file:
#   id   short lowercase id used in every record, e.g. "sales"
#   name display name
#   head id of the person who heads it (optional)
#
# People are [[people]] blocks:
#   id         short lowercase id, e.g. "amina"
#   name       display name
#   email      where reminders and reports go (optional)
#   department id of their department (optional)

[organization]
# The name shown on agendas, minutes and summaries.
name = "Northwind Health Trust"

[defaults]
# Length of a new meeting, in minutes.
meeting_minutes = 90
# Department updates are due this many days before a meeting.
reports_due_days = 2
# `saypro remind` lists actions due within this many days.
remind_within_days = 7
# IANA time zone of meeting times, e.g. "Europe/Berlin".
timezone = "Europe/London"
# Sender of the emails saypro writes (`remind --email`).
email_from = "Strategy Office <strategy@northwind.example>"

# Grace chairs the strategy meetings and belongs to no department.
[[people]]
id = "grace"
name = "Grace Okafor"
email = "grace.okafor@northwind.example"

[[people]]
id = "tomas"
name = "Tomás Rivera"
email = "tomas@northwind.example"
department = "operations"

[[people]]
id = "lena"
name = "Lena Fischer"
email = "lena@northwind.example"
department = "operations"

[[people]]
id = "priya"
name = "Priya Raman"
email = "priya@northwind.example"
department = "finance"

[[people]]
id = "daniel"
name = "Daniel Mensah"
email = "daniel@northwind.example"
department = "finance"

[[people]]
id = "amina"
name = "Amina Diallo"
email = "amina@northwind.example"
department = "sales"

[[people]]
id = "jon"
name = "Jon Berg"
email = "jon@northwind.example"
department = "sales"

[[people]]
id = "sofia"
name = "Sofia Marino"
email = "sofia@northwind.example"
department = "marketing"

[[people]]
id = "kai"
name = "Kai Nakamura"
email = "kai@northwind.example"
department = "marketing"

[[people]]
id = "ruth"
name = "Ruth Adeyemi"
email = "ruth@northwind.example"
department = "hr"

[[people]]
id = "marcus"
name = "Marcus Lee"
email = "marcus@northwind.example"
department = "it"

# Operations runs the hospitals: emergency care, wards, theatres, outpatients.
[[departments]]
id = "operations"
name = "Operations"
head = "tomas"

[[departments]]
id = "finance"
name = "Finance"
head = "priya"

# Sales sells the trust's commercial services: the private patient unit,
# occupational health contracts and insurer partnerships.
[[departments]]
id = "sales"
name = "Sales"
head = "amina"

# Marketing covers communications and patient engagement.
[[departments]]
id = "marketing"
name = "Marketing"
head = "sofia"

[[departments]]
id = "hr"
name = "People & Culture"
head = "ruth"

[[departments]]
id = "it"
name = "Information Technology"
head = "marcus"
EOF

# ---------------------------------------------------------------------------
# The strategic plan: four objectives with initiatives and milestones
# ---------------------------------------------------------------------------
sp --as grace plan add timely-care --name "Cut waiting times for patients" --dept operations \
  --description "Patients are seen, treated and sent home without avoidable waits: the four-hour emergency standard, discharge the same day it is decided, and the planned-care backlog under 1,200."
sp plan milestone timely-care "Discharge lounge open" --due 2026-07-31 --owner tomas --initiative "Faster discharge" --status done
sp plan milestone timely-care "Take-home medicines prepared the evening before on all medical wards" --due 2026-10-30 --owner lena --initiative "Faster discharge" --status done
sp plan milestone timely-care "Median discharge wait under 4 hours" --due 2026-12-31 --owner tomas --initiative "Faster discharge" --status at-risk
sp plan milestone timely-care "Weekend theatre lists running" --due 2026-09-30 --owner lena --initiative "Planned care recovery" --status done
sp plan milestone timely-care "Outpatient triage checklist in every clinic" --due 2026-11-13 --owner lena --initiative "Planned care recovery" --status on-track
sp plan milestone timely-care "18-week backlog under 1,200" --due 2026-12-31 --owner lena --initiative "Planned care recovery" --status on-track
sp plan milestone timely-care "Streaming to the urgent treatment centre" --due 2026-11-30 --owner tomas --initiative "Urgent care" --status done

sp plan add digital-records --name "Move every ward to digital patient records" --dept it \
  --description "One electronic health record for every ward by March 2027, with paper records retired and patients able to book and see results online."
sp plan milestone digital-records "Pilot on two wards" --due 2026-03-31 --owner marcus --initiative "Electronic health record rollout" --status done
sp plan milestone digital-records "Medical wards live" --due 2026-06-30 --owner marcus --initiative "Electronic health record rollout" --status done
sp plan milestone digital-records "Surgical wards live" --due 2026-09-30 --owner marcus --initiative "Electronic health record rollout" --status done
sp plan milestone digital-records "Maternity and paediatrics live" --due 2026-12-18 --owner marcus --initiative "Electronic health record rollout" --status at-risk
sp plan milestone digital-records "Paper records retired" --due 2027-03-31 --owner marcus --initiative "Electronic health record rollout"
sp plan milestone digital-records "Online booking for outpatient clinics" --due 2026-06-30 --owner sofia --initiative "Digital front door" --status done
sp plan milestone digital-records "Online booking for private clinics" --due 2026-11-20 --owner kai --initiative "Digital front door" --status at-risk
sp plan milestone digital-records "Test results in the patient app" --due 2027-02-26 --owner sofia --initiative "Digital front door"

sp plan add workforce --name "A stable, well-trained workforce" --dept hr \
  --description "Fewer leavers, fewer vacancies and less agency staff, with every clinician trained for the new ways of working."
sp plan milestone workforce "Second round of international nurse recruitment" --due 2026-10-31 --owner ruth --initiative "Recruitment" --status done
sp plan milestone workforce "Two night-shift nurses for the surgical ward" --due 2026-11-27 --owner ruth --initiative "Recruitment" --status at-risk
sp plan milestone workforce "Exit interviews for every leaver in their first year" --due 2026-09-30 --owner ruth --initiative "Retention" --status done
sp plan milestone workforce "Flexible rostering on two pilot wards" --due 2026-12-18 --owner ruth --initiative "Retention" --status done
sp plan milestone workforce "Retention payment for theatre staff agreed" --due 2026-11-13 --owner daniel --initiative "Retention"
sp plan milestone workforce "Mandatory training above 90%" --due 2026-09-30 --owner ruth --initiative "Training" --status done
sp plan milestone workforce "All clinical staff trained on digital records" --due 2027-01-29 --owner ruth --initiative "Training" --status on-track

sp plan add financial-sustainability --name "Break even by March 2027" --dept finance \
  --description "Spend within budget for 2026/27: lower agency costs, procurement savings and more commercial income."
sp plan milestone financial-sustainability "Procurement savings of £1.2m" --due 2027-03-31 --owner priya --initiative "Cost improvement" --status on-track
sp plan milestone financial-sustainability "Cleaning contract renegotiated" --due 2026-12-15 --owner priya --initiative "Cost improvement" --status at-risk
sp plan milestone financial-sustainability "Agency spend under £450k a month" --due 2027-03-31 --owner daniel --initiative "Cost improvement" --status at-risk
sp plan milestone financial-sustainability "Private patient unit refurbished" --due 2026-10-15 --owner amina --initiative "Commercial income" --status done
sp plan milestone financial-sustainability "Two new occupational health contracts" --due 2026-12-31 --owner jon --initiative "Commercial income" --status on-track
sp plan milestone financial-sustainability "Insurer framework signed" --due 2027-03-31 --owner amina --initiative "Commercial income" --status at-risk

# ---------------------------------------------------------------------------
# KPIs: three per department, monthly, values from northwind-kpis.csv
# ---------------------------------------------------------------------------
sp kpi add operations/ed-four-hour --name "Emergency patients seen within 4 hours" --unit % --direction increase --target 95 --period month --objective timely-care
sp kpi add operations/discharge-wait --name "Median wait from discharge decision to discharge" --unit hours --direction decrease --target 4 --period month --objective timely-care
sp kpi add operations/elective-backlog --name "Patients waiting over 18 weeks for planned care" --direction decrease --target 1200 --period month --objective timely-care
sp kpi add finance/spend-vs-budget --name "Spend against budget, year to date" --unit % --direction hold --target 100 --at-risk 0.98 --period month --objective financial-sustainability
sp kpi add finance/agency-spend --name "Agency staff spend" --unit £k --direction decrease --target 450 --period month --objective financial-sustainability
sp kpi add finance/invoices-on-time --name "Supplier invoices paid within 30 days" --unit % --direction increase --target 95 --period month
sp kpi add sales/private-income --name "Private patient income" --unit £k --direction increase --target 850 --period month --objective financial-sustainability
sp kpi add sales/oh-renewals --name "Occupational health contracts renewed" --unit % --direction increase --target 90 --period month --objective financial-sustainability
sp kpi add sales/pipeline --name "Commercial pipeline" --unit £k --direction increase --target 1500 --period month --objective financial-sustainability
sp kpi add marketing/recommend --name "Patients who would recommend us" --unit % --direction increase --target 92 --period month --objective timely-care
sp kpi add marketing/online-booking --name "Outpatient appointments booked online" --unit % --direction increase --target 40 --period month --objective digital-records
sp kpi add marketing/complaints-on-time --name "Complaints answered within 25 days" --unit % --direction increase --target 90 --period month
sp kpi add hr/turnover --name "Staff turnover, rolling 12 months" --unit % --direction decrease --target 10 --period month --objective workforce
sp kpi add hr/nurse-vacancies --name "Nursing vacancy rate" --unit % --direction decrease --target 8 --period month --objective workforce
sp kpi add hr/mandatory-training --name "Mandatory training compliance" --unit % --direction increase --target 90 --period month --objective workforce
sp kpi add it/wards-live --name "Wards live on digital patient records" --unit wards --direction increase --target 24 --period month --objective digital-records
sp kpi add it/uptime --name "Clinical systems uptime" --unit % --direction increase --target 99.9 --at-risk 0.995 --period month --objective digital-records
sp kpi add it/tickets-on-time --name "Service desk tickets resolved within 2 working days" --unit % --direction increase --target 85 --period month
sp kpi import "$here/northwind-kpis.csv"
# The rollout has a target per month: the wards the plan says should be live by then.
for row in 2026-02:1:2 2026-03:2:2 2026-04:4:4 2026-05:6:6 2026-06:9:10 2026-07:11:12 \
  2026-08:13:14 2026-09:16:16 2026-10:16:16 2026-11:17:18; do
  IFS=: read -r period value target <<<"$row"
  sp kpi record it/wards-live "$period" "$value" --target "$target"
done
sp kpi record it/wards-live 2026-06 9 --note "Ward 12 held back: its laptops arrived late"
sp kpi record it/wards-live 2026-11 17 --note "Ward 3 moved to January with maternity"

# ---------------------------------------------------------------------------
# The quarter's meetings, planned ahead
# ---------------------------------------------------------------------------
on 2026-09-01T09:00:00+01:00
sp --as grace meeting new --title "Operations review" --kind department-review --dept operations \
  --attendee lena --date 2026-09-07 --time 14:00 --duration 60 --chair grace --location "Board room, Trust HQ" \
  --objective "Agree how to bring discharge waits down before winter"
sp --as grace meeting new --title "September strategy review" --kind collaborative --date 2026-09-28 \
  --time 10:00 --chair grace --location "Board room, Trust HQ" --attendee lena,daniel \
  --objective "Agree the winter plan across departments" \
  --objective "Confirm the digital records timeline for the surgical and maternity wards"
sp --as grace meeting new --title "Finance review" --kind department-review --dept finance \
  --attendee daniel --date 2026-10-05 --time 14:00 --duration 60 --chair grace --location "Board room, Trust HQ" \
  --objective "Find the causes of the overspend and agree how to stop it"
sp --as grace meeting new --title "People and Culture review" --kind department-review --dept hr \
  --date 2026-10-19 --time 14:00 --duration 60 --chair grace --location "Board room, Trust HQ" \
  --objective "Understand why nurses leave in their first year"
sp --as grace meeting new --title "October strategy review" --kind collaborative --date 2026-10-26 \
  --time 10:00 --chair grace --location "Board room, Trust HQ" --attendee lena,daniel \
  --objective "Review progress on the winter plan" \
  --objective "Decide whether maternity goes live on digital records in November or December"
sp --as grace meeting new --title "Digital records review" --kind department-review --dept it \
  --date 2026-11-02 --time 14:00 --duration 60 --chair grace --location "Board room, Trust HQ" \
  --objective "Agree the maternity go-live plan"
sp --as grace meeting new --title "Commercial and communications review" --kind department-review \
  --dept sales,marketing --attendee jon,kai --date 2026-11-16 --time 14:00 --duration 60 --chair grace \
  --location "Board room, Trust HQ" --objective "Recover occupational health renewals and online booking"
sp --as grace meeting new --title "November strategy review" --kind collaborative --date 2026-11-23 \
  --time 10:00 --chair grace --location "Board room, Trust HQ" --attendee lena,daniel \
  --objective "Check the trust is ready for winter" \
  --objective "Agree corrective actions for the KPIs off track" \
  --objective "Review the effect of the actions agreed in September and October"

m_ops=2026-09-07-operations-review
m_sep=2026-09-28-september-strategy-review
m_fin=2026-10-05-finance-review
m_hr=2026-10-19-people-and-culture-review
m_oct=2026-10-26-october-strategy-review
m_it=2026-11-02-digital-records-review
m_com=2026-11-16-commercial-and-communications-review
m_nov=2026-11-23-november-strategy-review

# ---------------------------------------------------------------------------
# 7 September: Operations review
# ---------------------------------------------------------------------------
update $m_ops operations tomas 2026-09-04T16:20:00+01:00 <<'EOF'
summary: |
  A hard summer: emergency attendances were 6% above last year and discharge waits
  crept back up after the discharge lounge opened in July. Planned care is
  recovering, with weekend theatre lists starting on 5 September.
kpis:
  - kpi: operations/ed-four-hour
    actual: 88.7
    target: 95
    note: Two consultant vacancies in the emergency department
  - kpi: operations/discharge-wait
    actual: 6.3
    target: 4
    note: Pharmacy turnaround is the biggest single delay
  - kpi: operations/elective-backlog
    actual: 1380
    target: 1200
milestones:
  - objective: timely-care
    name: Weekend theatre lists running
    due: 2026-09-30
    status: on-track
challenges:
  - description: Patients wait hours for take-home medicines after the decision to discharge
    actions_taken: Pharmacists join the morning board round on wards 4 and 5
    support_needed: Agreement to prepare medicines the evening before planned discharges
  - description: Ward teams chase beds by phone; nobody sees the whole hospital
    support_needed: A bed-state dashboard from IT
successes:
  - description: Discharge lounge open since 14 July, used by 35 patients a day
    drivers: A nurse in charge of the lounge and porters assigned to it
employee_feedback: |
  Ward sisters welcome the lounge but say the paperwork for each discharge has doubled.
EOF

on 2026-09-07T15:10:00+01:00
sp meeting note $m_ops --item 1 "Discharge waits and emergency four-hour performance are the priorities before winter."
sp meeting note $m_ops --item 2 "Median discharge wait 6.3 hours against a 4-hour target; pharmacy turnaround is the largest delay."
sp meeting note $m_ops --item 2 "Backlog over 18 weeks down to 1,380 since weekend lists started."
sp meeting note $m_ops --item 2 --outcome "Discharge is the one problem to fix this autumn."
sp meeting note $m_ops --item 3 "Discharge paperwork has doubled for ward staff since the lounge opened."
sp meeting note $m_ops --item 4 "IT can lend two analysts for a bed-state dashboard from October."
sp meeting note $m_ops --item 4 --outcome "Pharmacy pilot on wards 4 and 5; dashboard request goes to the strategy review."
sp meeting decide $m_ops "Pharmacy prepares take-home medicines the evening before a planned discharge, starting on wards 4 and 5" --owner tomas
a_discharge=$(new --as grace action add "Cut the wait between discharge decision and discharge to under four hours" \
  --owner tomas --due 2026-11-20 --meeting $m_ops --kind course-correction \
  --outcome "Median discharge wait under 4 hours on every ward")
a_pilot=$(new --as grace action add "Pilot evening preparation of take-home medicines on wards 4 and 5" \
  --owner lena --due 2026-09-30 --meeting $m_ops --kind follow-up \
  --outcome "Half of the pilot wards' discharges before noon")
sp meeting adjust $m_ops --kind course-correction --dept operations \
  "Discharge moves from each ward's own effort to a trust-wide patient flow team" --action "$a_discharge"
sp meeting note $m_ops --item 6 "Two actions agreed; both come back at the check-in on 14 September."
sp --as grace meeting close $m_ops

# ---------------------------------------------------------------------------
# 14 September: action check-in (its agenda walks the actions open when planned)
# ---------------------------------------------------------------------------
on 2026-09-10T09:00:00+01:00
sp --as grace meeting new --title "Action check-in" --kind check-in --date 2026-09-14 --time 09:00 \
  --chair grace --location "Microsoft Teams"
m_ci1=2026-09-14-action-check-in
on 2026-09-14T09:25:00+01:00
sp --as tomas action checkin "$a_discharge" "Patient flow team appointed; daily board rounds start on 21 September." --status in-progress
sp --as lena action checkin "$a_pilot" "Wards 4 and 5 start on Monday; pharmacy covers the evening slot from the bank." --status in-progress
sp meeting note $m_ci1 --item 1 "Pilot starts 14 September; first figures at the strategy review."
sp meeting note $m_ci1 --item 2 "Flow team in post from 21 September."
sp meeting note $m_ci1 --item 3 "Nothing new to escalate."
sp --as grace meeting close $m_ci1

# ---------------------------------------------------------------------------
# 28 September: September strategy review
# ---------------------------------------------------------------------------
on 2026-09-22T11:00:00+01:00
sp --as lena action checkin "$a_pilot" "First week: 27% of pilot discharges before noon, up from 18%."

update $m_sep operations tomas 2026-09-25T15:40:00+01:00 <<EOF
summary: |
  Discharge waits are the gap: 6.3 hours against 4. The patient flow team started on
  21 September and the pharmacy pilot on wards 4 and 5 is showing early results.
kpis:
  - kpi: operations/ed-four-hour
    actual: 88.7
    target: 95
  - kpi: operations/discharge-wait
    actual: 6.3
    target: 4
    note: Pilot wards at 4.9 hours
  - kpi: operations/elective-backlog
    actual: 1380
    target: 1200
milestones:
  - objective: timely-care
    name: Weekend theatre lists running
    due: 2026-09-30
    status: done
challenges:
  - description: Winter bed gap of about 30 beds on the current forecast
    actions_taken: Escalation ward identified; discharge-to-assess beds under discussion with the county council
    support_needed: Funding for six escalation beds on ward 7
successes:
  - description: Weekend theatre lists running since 5 September
    drivers: Theatre staff volunteered for paid weekend sessions
action_review:
  - action: $a_pilot
    effect: too-early
    note: One week of data
EOF

update $m_sep finance priya 2026-09-25T17:05:00+01:00 <<'EOF'
summary: |
  Spend is 3.9% over budget year to date. Agency staff are two thirds of the
  overspend; winter escalation beds opened early add the rest.
kpis:
  - kpi: finance/spend-vs-budget
    actual: 103.9
    target: 100
  - kpi: finance/agency-spend
    actual: 621
    target: 450
    note: Highest in nursing and the emergency department
  - kpi: finance/invoices-on-time
    actual: 95
    target: 95
challenges:
  - description: Agency shifts are booked at premium rates without a second check
    actions_taken: Weekly agency report to every department head
    support_needed: A rule that premium-rate shifts need director sign-off
successes:
  - description: Suppliers paid on time for the fourth month running
    drivers: Invoices approved in the purchasing system instead of by email
resource_needs:
  - kind: tools
    description: Agency booking data by ward, not only by directorate
EOF

update $m_sep sales amina 2026-09-24T12:30:00+01:00 <<'EOF'
summary: |
  The private patient unit is closed for refurbishment until mid-October, so income
  is down as planned. Occupational health renewals are holding up.
kpis:
  - kpi: sales/private-income
    actual: 640
    target: 850
    note: Unit closed for refurbishment, as planned
  - kpi: sales/oh-renewals
    actual: 87
    target: 90
  - kpi: sales/pipeline
    actual: 1300
    target: 1500
milestones:
  - objective: financial-sustainability
    name: Private patient unit refurbished
    due: 2026-10-15
    status: on-track
challenges:
  - description: Two council occupational health contracts will go out to tender
    actions_taken: Met both councils to understand their criteria
successes:
  - description: Renewed the ambulance service contract for three years
    drivers: Quarterly service reviews with their HR team
EOF

update $m_sep marketing sofia 2026-09-25T10:15:00+01:00 <<'EOF'
summary: |
  Patient recommendation holds at 93%. Complaints handling slipped while our
  complaints officer is on leave. The staff flu campaign starts on 1 October.
kpis:
  - kpi: marketing/recommend
    actual: 93
    target: 92
  - kpi: marketing/online-booking
    actual: 30
    target: 40
    note: Private clinics cannot yet be booked online
  - kpi: marketing/complaints-on-time
    actual: 85
    target: 90
    note: Complaints officer on long-term leave
challenges:
  - description: Complaints backlog of 41 cases
    actions_taken: Two ward managers answer complaints from their own areas
    support_needed: Temporary cover for the complaints officer
resource_needs:
  - kind: staff
    description: A temporary complaints officer for three months
EOF

update $m_sep hr ruth 2026-09-26T09:45:00+01:00 <<'EOF'
summary: |
  Turnover keeps falling slowly (12.6%) and 23 international nurses start in
  October. Night shifts on the surgical ward are the weak spot.
kpis:
  - kpi: hr/turnover
    actual: 12.6
    target: 10
  - kpi: hr/nurse-vacancies
    actual: 9.4
    target: 8
  - kpi: hr/mandatory-training
    actual: 90
    target: 90
milestones:
  - objective: workforce
    name: Exit interviews for every leaver in their first year
    due: 2026-09-30
    status: done
  - objective: workforce
    name: Second round of international nurse recruitment
    due: 2026-10-31
    status: on-track
challenges:
  - description: The surgical ward ran nine night shifts below safe staffing in September
    actions_taken: Bank staff offered enhanced rates for nights
    support_needed: Funding for two permanent night-shift nurses
successes:
  - description: Mandatory training at 90% for the first time
    drivers: Ward managers see their team's compliance every Monday
employee_feedback: |
  Exit interviews name rotas more than pay: nurses want to know their shifts six
  weeks ahead.
EOF

update $m_sep it marcus 2026-09-25T14:00:00+01:00 <<'EOF'
summary: |
  Surgical wards go live on digital records on 30 September, on plan. The pharmacy
  stock system still runs on servers in the old server room.
kpis:
  - kpi: it/wards-live
    actual: 16
    target: 16
  - kpi: it/uptime
    actual: 99.95
    target: 99.9
  - kpi: it/tickets-on-time
    actual: 80
    target: 85
    note: Go-live support takes service desk staff
milestones:
  - objective: digital-records
    name: Surgical wards live
    due: 2026-09-30
    status: on-track
challenges:
  - description: The old server room's cooling failed twice in August
    actions_taken: Portable cooling installed
    support_needed: A weekend outage to move the pharmacy stock system
successes:
  - description: Medical wards have had no unplanned downtime since going live
    drivers: Super-users on every shift for the first two weeks
EOF

on 2026-09-28T11:35:00+01:00
sp meeting note $m_sep --item 1 "Grace opened with the winter plan and the digital records timeline as the two objectives."
sp meeting note $m_sep --item 2 "Pilot wards at 4.9 hours median discharge wait; rest of the hospital at 6.5."
sp meeting note $m_sep --item 2 --outcome "Operations asks for six escalation beds on ward 7 for the winter."
sp meeting note $m_sep --item 3 "Agency spend is two thirds of the overspend."
sp meeting note $m_sep --item 3 --outcome "Finance to bring agency controls to its department review on 5 October."
sp meeting note $m_sep --item 4 "Private income down as planned while the unit is refurbished."
sp meeting note $m_sep --item 5 "Complaints backlog at 41 cases."
sp meeting note $m_sep --item 6 "Nine unsafe night shifts on the surgical ward in September."
sp meeting note $m_sep --item 6 --outcome "Two permanent night nurses for the surgical ward."
sp meeting note $m_sep --item 7 "Surgical wards go live on Wednesday."
sp meeting note $m_sep --item 7 --outcome "Pharmacy stock system moves off the old servers in October."
sp meeting discuss $m_sep --synergy "Patient letters from Marketing can carry the online booking link for outpatient clinics."
sp meeting discuss $m_sep --resource-sharing "IT lends two analysts to Operations for a bed-state dashboard from October."
sp meeting discuss $m_sep --feedback "Finance asks departments to flag agency bookings a week ahead."
sp meeting discuss $m_sep --best-practice "The day-surgery unit's nurse-led discharge checklist could work on the medical wards."
sp meeting decide $m_sep "Department updates are due by Friday noon before each strategy review" --owner grace
sp meeting decide $m_sep "The winter plan, with six escalation beds on ward 7, goes to the board on 15 October" --owner tomas
a_nurses=$(new --as grace action add "Recruit two night-shift nurses for the surgical ward" --owner ruth \
  --due 2026-11-27 --meeting $m_sep --kind resource-realignment \
  --outcome "No night shift on the surgical ward below safe staffing")
a_servers=$(new --as grace action add "Move the pharmacy stock system to the new servers" --owner marcus \
  --due 2026-10-31 --meeting $m_sep --kind risk-mitigation \
  --outcome "No pharmacy stock-outs caused by system downtime")
a_flu=$(new --as grace action add "Run the staff flu vaccination campaign" --owner sofia --due 2026-10-16 \
  --meeting $m_sep --kind support --outcome "75% of frontline staff vaccinated by mid-October")
a_ct=$(new --as grace action add "Draft the business case for a second CT scanner" --owner daniel \
  --due 2026-10-23 --meeting $m_sep --kind support)
a_waits=$(new --as grace action add "Publish current clinic waiting times on the website" --owner kai \
  --due 2026-10-30 --meeting $m_sep --kind synergy \
  --outcome "Fewer calls to the booking line asking how long the wait is")
sp meeting adjust $m_sep --kind resources --dept finance \
  "£60k moves from the marketing print budget to the winter escalation beds"
sp meeting adjust $m_sep --kind timeline --dept it \
  "Surgical wards go live on 30 September as planned; maternity stays planned for 30 November"
sp meeting adjust $m_sep --kind resources --dept hr \
  "Two permanent night-shift posts for the surgical ward, funded from the nursing bank budget" --action "$a_nurses"
r_winter=$(new --as grace risk add "Winter demand exceeds bed capacity" --likelihood 4 --impact 5 --owner tomas \
  --dept operations --objective timely-care --meeting $m_sep --review 2026-12-01 \
  --description "A bad flu season or a norovirus outbreak leaves patients waiting in the emergency department for a bed." \
  --mitigation "Six escalation beds on ward 7; discharge-to-assess beds agreed with the county council")
r_maternity=$(new --as grace risk add "Digital records go-live disrupts maternity care" --likelihood 3 --impact 4 \
  --owner marcus --dept it --objective digital-records --meeting $m_sep --review 2026-10-26 \
  --mitigation "Go-live support on every shift for two weeks; paper fallback rehearsed")
r_cooling=$(new --as grace risk add "Old server room cooling fails" --likelihood 3 --impact 4 --owner marcus \
  --dept it --meeting $m_sep --review 2026-10-31 \
  --description "The pharmacy stock system still runs in the old server room, whose cooling failed twice in August." \
  --mitigation "Portable cooling; move the pharmacy stock system to the new data centre")
sp meeting note $m_sep --item 11 "Next strategy review on 26 October; check-ins in between."
sp --as grace meeting close $m_sep

feedback $m_sep tomas 3 3 4 4 "Honest discussion of the winter plan" "Updates arrived too late to read before the meeting"
feedback $m_sep priya 2 3 4 3 "Clear owners for every action" "Half the updates came in on the morning of the meeting"
feedback $m_sep - 3 4 4 4 "The cross-department discussion on bank staff"
feedback $m_sep marcus 3 2 3 3 "" "Department updates overran; keep to the timebox"
feedback $m_sep amina 4 3 4 4 "Short, focused updates from Sales and Finance"

# ---------------------------------------------------------------------------
# Between meetings: progress on the September actions
# ---------------------------------------------------------------------------
on 2026-09-29T16:00:00+01:00
sp --as lena action done "$a_pilot" --note "Two weeks of data: 31% of pilot discharges before noon, up from 18%."
on 2026-10-01T09:30:00+01:00
sp --as lena action review "$a_pilot" --effect effective --note "31% of discharges before noon on the pilot wards; rolled out to all medical wards."

# ---------------------------------------------------------------------------
# 5 October: Finance review
# ---------------------------------------------------------------------------
update $m_fin finance priya 2026-10-02T11:20:00+01:00 <<'EOF'
summary: |
  Agency spend fell to £621k in September but is still £171k a month above target.
  Nursing and the emergency department account for 70% of it.
kpis:
  - kpi: finance/spend-vs-budget
    actual: 103.9
    target: 100
  - kpi: finance/agency-spend
    actual: 621
    target: 450
milestones:
  - objective: financial-sustainability
    name: Cleaning contract renegotiated
    due: 2026-12-15
    status: on-track
challenges:
  - description: The cleaning contract renews in January with a 7% price rise
    actions_taken: Benchmarked prices with two neighbouring trusts
    support_needed: Operations to confirm which areas need daily cleaning
resource_needs:
  - kind: staff
    description: A procurement specialist for the contract renewals, two days a week
EOF
on 2026-10-05T15:05:00+01:00
sp meeting note $m_fin --item 1 "Overspend of 3.9% year to date; agency staff are two thirds of it."
sp meeting note $m_fin --item 2 "Premium-rate agency shifts went up 40% since June."
sp meeting note $m_fin --item 2 --outcome "Agency spend is the lever; procurement savings are on track."
sp meeting note $m_fin --item 3 "Department heads book agency staff directly; Finance sees the cost a month later."
sp meeting note $m_fin --item 4 --outcome "Premium-rate shifts go to a director before they are booked."
sp meeting decide $m_fin "Agency shifts above the capped rate need director sign-off from 12 October" --owner priya
a_cap=$(new --as grace action add "Put agency shifts above the capped rate to director sign-off" --owner daniel \
  --due 2026-10-16 --meeting $m_fin --kind course-correction \
  --outcome "Agency spend under £500k a month by December")
a_clean=$(new --as grace action add "Renegotiate the cleaning contract" --owner priya --due 2026-12-15 \
  --meeting $m_fin --kind support --outcome "Cleaning costs flat in 2027 despite inflation")
sp meeting adjust $m_fin --kind course-correction --dept finance \
  "Agency spend moves from a monthly review to weekly sign-off" --action "$a_cap"
r_cleaning=$(new --as grace risk add "Cleaning supplier raises prices above inflation" --likelihood 3 --impact 2 \
  --owner priya --dept finance --objective financial-sustainability --meeting $m_fin --review 2026-12-15 \
  --mitigation "Benchmark prices; tender the contract if the rise stays above 4%")
r_unfilled=$(new --as grace risk add "The agency rate cap leaves shifts unfilled" --likelihood 2 --impact 3 \
  --owner daniel --dept finance --meeting $m_fin --review 2026-10-26 \
  --mitigation "Bank staff offered first; directors can approve exceptions the same day")
sp meeting note $m_fin --item 6 "Two actions; both reviewed at the October strategy review."
sp --as grace meeting close $m_fin

# ---------------------------------------------------------------------------
# 12 October: action check-in
# ---------------------------------------------------------------------------
on 2026-10-08T09:00:00+01:00
sp --as grace meeting new --title "Action check-in" --kind check-in --date 2026-10-12 --time 09:00 \
  --chair grace --location "Microsoft Teams"
m_ci2=2026-10-12-action-check-in
on 2026-10-12T09:30:00+01:00
sp --as tomas action checkin "$a_discharge" "Daily board rounds on all medical wards; median wait 5.6 hours."
sp --as marcus action checkin "$a_servers" "New servers ready; cut-over booked for Sunday 25 October." --status in-progress
sp --as sofia action checkin "$a_flu" "Campaign started on 1 October; 48% vaccinated so far." --status in-progress
sp --as daniel action checkin "$a_cap" "Sign-off rule agreed with the directors; starts today." --status in-progress
sp meeting note $m_ci2 --item 1 "Flu uptake 48%; night staff are the hardest to reach."
sp meeting note $m_ci2 --item 5 "Cut-over to the new servers booked for Sunday 25 October."
sp meeting note $m_ci2 --item 6 "Discharge wait down to 5.6 hours."
sp --as grace meeting close $m_ci2
on 2026-10-14T17:00:00+01:00
sp --as daniel action done "$a_cap" --note "Sign-off in place for every directorate."

# ---------------------------------------------------------------------------
# 19 October: People and Culture review
# ---------------------------------------------------------------------------
update $m_hr hr ruth 2026-10-16T15:30:00+01:00 <<EOF
summary: |
  Twenty-three international nurses started on 5 October. Exit interviews show that
  rotas, not pay, drive first-year leavers; theatre staff are the exception.
kpis:
  - kpi: hr/turnover
    actual: 12.5
    target: 10
  - kpi: hr/nurse-vacancies
    actual: 8.9
    target: 8
    note: 23 international nurses started
milestones:
  - objective: workforce
    name: Second round of international nurse recruitment
    due: 2026-10-31
    status: done
  - objective: workforce
    name: Two night-shift nurses for the surgical ward
    due: 2026-11-27
    status: on-track
challenges:
  - description: Three experienced theatre nurses left for private hospitals in six months
    actions_taken: Stay conversations with every theatre nurse
    support_needed: A costed retention payment for theatre staff
successes:
  - description: Every international nurse passed the competency check first time
    drivers: A practice educator assigned to the group for their first month
employee_feedback: |
  New starters like the buddy scheme. Longer-serving nurses say rotas published two
  weeks ahead make childcare hard.
action_review:
  - action: $a_nurses
    effect: too-early
    note: Adverts closed on 9 October; interviews next week
EOF
on 2026-10-19T15:10:00+01:00
sp meeting note $m_hr --item 1 "First-year leavers are half of all nursing leavers."
sp meeting note $m_hr --item 2 "International recruitment finished on time; vacancies down to 8.9%."
sp meeting note $m_hr --item 3 "Rotas published two weeks ahead are the top reason in exit interviews."
sp meeting note $m_hr --item 3 --outcome "Try rotas six weeks ahead with self-rostering on two wards."
sp meeting note $m_hr --item 4 "Finance to cost a retention payment for theatre staff."
sp meeting decide $m_hr "Exit interview themes go to every department head each month" --owner ruth
a_flex=$(new --as grace action add "Offer flexible rostering on two pilot wards" --owner ruth --due 2026-12-18 \
  --meeting $m_hr --kind course-correction --outcome "Fewer leavers citing rotas in exit interviews")
a_retain=$(new --as grace action add "Cost a retention payment for theatre staff" --owner daniel --due 2026-11-13 \
  --meeting $m_hr --kind support --outcome "A costed option for the December board")
sp meeting adjust $m_hr --kind goal --dept hr \
  "Turnover target of 10% kept, but measured on first-year leavers as well from January"
r_theatre=$(new --as grace risk add "Experienced theatre staff leave for the private sector" --likelihood 4 \
  --impact 3 --owner ruth --dept hr --objective workforce --meeting $m_hr --review 2026-11-20 \
  --mitigation "Stay conversations; retention payment under costing")
sp --as grace meeting close $m_hr

on 2026-10-20T16:45:00+01:00
sp --as sofia action done "$a_flu" --note "Campaign closed at 61%; a second round for night staff in November."

# ---------------------------------------------------------------------------
# 26 October: October strategy review
# ---------------------------------------------------------------------------
on 2026-10-22T10:00:00+01:00
sp --as marcus risk update "$r_maternity" --review 2026-11-02
sp --as ruth action checkin "$a_nurses" "Interviewed five; two offers made for nights." --status in-progress

update $m_oct operations tomas 2026-10-22T16:30:00+01:00 <<EOF
summary: |
  Median discharge wait down to 5.6 hours with evening preparation of medicines on
  every medical ward from 1 October. The planned-care backlog is falling fast.
kpis:
  - kpi: operations/ed-four-hour
    actual: 87.9
    target: 95
  - kpi: operations/discharge-wait
    actual: 5.6
    target: 4
  - kpi: operations/elective-backlog
    actual: 1290
    target: 1200
milestones:
  - objective: timely-care
    name: Take-home medicines prepared the evening before on all medical wards
    due: 2026-10-30
    status: done
  - objective: timely-care
    name: Outpatient triage checklist in every clinic
    due: 2026-11-13
    status: on-track
challenges:
  - description: Emergency department crowding on Mondays
    actions_taken: Streaming to the urgent treatment centre planned for 2 November
successes:
  - description: The pharmacy pilot spread to all medical wards in a week
    drivers: Lena's ward-by-ward checklist and a named pharmacist per ward
action_review:
  - action: $a_pilot
    effect: effective
    note: Now the standard on every medical ward
EOF

update $m_oct finance priya 2026-10-23T09:10:00+01:00 <<EOF
summary: |
  Director sign-off for premium-rate agency shifts started on 12 October and agency
  spend fell to £566k. The second CT scanner case is on hold.
kpis:
  - kpi: finance/spend-vs-budget
    actual: 103.4
    target: 100
  - kpi: finance/agency-spend
    actual: 566
    target: 450
    note: Two weeks of sign-off
  - kpi: finance/invoices-on-time
    actual: 94
    target: 95
challenges:
  - description: The regional capital round moved from November to April
    actions_taken: Paused the CT scanner business case
action_review:
  - action: $a_cap
    effect: too-early
    note: Two weeks of data
EOF

update $m_oct sales amina 2026-10-22T13:00:00+01:00 <<'EOF'
summary: |
  The refurbished private patient unit reopened on 15 October and is fully booked for
  November. Two council occupational health contracts are now out to tender.
kpis:
  - kpi: sales/private-income
    actual: 790
    target: 850
    note: Unit reopened on 15 October
  - kpi: sales/oh-renewals
    actual: 83
    target: 90
  - kpi: sales/pipeline
    actual: 1240
    target: 1500
milestones:
  - objective: financial-sustainability
    name: Private patient unit refurbished
    due: 2026-10-15
    status: done
challenges:
  - description: Private clinic patients cannot book online and call instead
    support_needed: Marketing and IT to fix the private clinic booking page
successes:
  - description: Unit refurbished on time and £40k under budget
    drivers: Weekly site meetings with the contractor
EOF

update $m_oct marketing sofia 2026-10-23T11:45:00+01:00 <<EOF
summary: |
  The flu campaign ended at 61% against a 75% aim. Online booking is growing a point
  a month; the private clinic booking page still fails at payment.
kpis:
  - kpi: marketing/recommend
    actual: 94
    target: 92
  - kpi: marketing/online-booking
    actual: 31
    target: 40
  - kpi: marketing/complaints-on-time
    actual: 83
    target: 90
challenges:
  - description: The booking supplier's payment page fails for private clinics
    actions_taken: Raised with the supplier; a patch is promised for early November
action_review:
  - action: $a_flu
    effect: partial
    note: 61% vaccinated; night staff were hard to reach
EOF

update $m_oct hr ruth 2026-10-23T10:30:00+01:00 <<'EOF'
summary: |
  Two offers made for the surgical night posts. Flexible rostering starts on wards
  8 and 9 on 2 November.
kpis:
  - kpi: hr/turnover
    actual: 12.5
    target: 10
  - kpi: hr/nurse-vacancies
    actual: 8.9
    target: 8
  - kpi: hr/mandatory-training
    actual: 91
    target: 90
milestones:
  - objective: workforce
    name: Two night-shift nurses for the surgical ward
    due: 2026-11-27
    status: on-track
successes:
  - description: Mandatory training above 90% for the second month
    drivers: Monday compliance report to ward managers
resource_needs:
  - kind: training
    description: Rostering software training for the ward managers of wards 8 and 9
EOF

update $m_oct it marcus 2026-10-23T15:00:00+01:00 <<'EOF'
summary: |
  Surgical wards went live on 30 September. Maternity is not ready for 30 November:
  only 40% of midwives are trained.
kpis:
  - kpi: it/wards-live
    actual: 16
    target: 16
  - kpi: it/uptime
    actual: 99.98
    target: 99.9
  - kpi: it/tickets-on-time
    actual: 77
    target: 85
    note: Four service desk staff on go-live support
milestones:
  - objective: digital-records
    name: Surgical wards live
    due: 2026-09-30
    status: done
  - objective: digital-records
    name: Maternity and paediatrics live
    due: 2026-12-18
    status: at-risk
challenges:
  - description: Midwives cannot be released for training during the day
    actions_taken: Evening sessions offered; uptake is low
    support_needed: Paid training time for midwives
resource_needs:
  - kind: training
    description: Paid evening training sessions for 160 midwives
EOF

on 2026-10-26T11:40:00+00:00
sp meeting note $m_oct --item 1 "Winter plan approved by the board on 15 October."
sp meeting note $m_oct --item 2 "Median discharge wait 5.6 hours; pilot now on every medical ward."
sp meeting note $m_oct --item 2 --outcome "Operations on course; urgent care streaming from 2 November."
sp meeting note $m_oct --item 3 "Agency spend £566k after two weeks of sign-off."
sp meeting note $m_oct --item 3 --outcome "CT scanner business case stops until the April capital round."
sp meeting note $m_oct --item 4 "Private unit fully booked for November."
sp meeting note $m_oct --item 5 "Flu campaign at 61%; a second round for night staff."
sp meeting note $m_oct --item 6 "Two offers made for the surgical night posts."
sp meeting note $m_oct --item 7 "Only 40% of midwives trained; go-live on 30 November is not safe."
sp meeting note $m_oct --item 7 --outcome "Maternity go-live moves to 18 December."
sp meeting discuss $m_oct --synergy "Lena's outpatient triage checklist could cut repeat visits in the emergency department."
sp meeting discuss $m_oct --resource-sharing "Operations and People & Culture share one bank staff pool instead of two."
sp meeting discuss $m_oct --best-practice "Finance's weekly sign-off could work for overtime as well as agency shifts."
sp meeting decide $m_oct "Maternity and paediatrics go live on digital records on 18 December, not 30 November" --owner marcus
sp meeting decide $m_oct "The second CT scanner business case waits for the April capital round" --owner priya
sp --as daniel action cancel "$a_ct" --note "The regional capital round moved to April; restart in February."
a_triage=$(new --as grace action add "Share the outpatient triage checklist with the emergency department" \
  --owner lena --due 2026-12-01 --meeting $m_oct --kind synergy \
  --outcome "Fewer repeat emergency visits by outpatients")
a_maternity=$(new --as grace action add "Train maternity staff on digital records before go-live" --owner marcus \
  --due 2026-11-30 --meeting $m_oct --kind support --outcome "Every midwife trained before go-live")
a_booking=$(new --as grace action add "Fix the online booking page for private clinics" --owner kai \
  --due 2026-11-06 --meeting $m_oct --kind course-correction \
  --outcome "Private clinic appointments bookable online")
a_bank=$(new --as grace action add "Set up one bank staff pool for Operations and People & Culture" \
  --owner ruth --due 2026-11-20 --meeting $m_oct --kind resource-realignment \
  --outcome "Bank shifts filled within 48 hours")
sp meeting adjust $m_oct --kind timeline --dept it \
  "Maternity go-live moves from 30 November to 18 December so that every midwife is trained first" \
  --action "$a_maternity"
sp meeting adjust $m_oct --kind goal --dept sales \
  "Occupational health renewal aim lowered from 95% to 90% while two council contracts are out to tender"
sp meeting adjust $m_oct --kind course-correction --dept marketing \
  "Private clinic booking moves up the supplier's queue; Sales takes bookings by phone meanwhile" \
  --action "$a_booking"
sp --as daniel risk update "$r_unfilled" --status closed --review none \
  --mitigation "No shift went unfilled in October; directors approved four exceptions"
r_cyber=$(new --as grace risk add "Cyber attack takes clinical systems offline" --likelihood 2 --impact 5 \
  --owner marcus --dept it --objective digital-records --meeting $m_oct --review 2027-01-15 \
  --mitigation "Offline backups tested monthly; phishing training for all staff")
sp meeting note $m_oct --item 11 "Next strategy review on 23 November."
on 2026-10-28T12:00:00+00:00
sp --as grace meeting close $m_oct

feedback $m_oct tomas 4 4 4 5 "Decisions made in the room, with owners"
feedback $m_oct priya 4 4 5 4 "The pre-read with the KPIs off track made the discussion quicker"
feedback $m_oct ruth 4 3 5 4 "Sharing the bank pool" "Some updates still repeat the KPI table instead of explaining it"
feedback $m_oct - 3 4 4 4 "" "More time for risks"
feedback $m_oct amina 4 4 4 4 "Updates were on time"
feedback $m_oct sofia 5 4 4 4 "Clear decision on the maternity date"

on 2026-10-28T17:30:00+00:00
sp --as marcus action done "$a_servers" --note "Cut over on a Sunday; no downtime on the wards."
on 2026-10-29T15:00:00+00:00
sp --as kai action done "$a_waits" --note "Waiting times page live, updated every Monday."
on 2026-10-30T10:00:00+00:00
sp --as ruth action checkin "$a_flex" "Wards 8 and 9 publish rotas six weeks ahead from 2 November." --status in-progress

# ---------------------------------------------------------------------------
# 2 November: Digital records review
# ---------------------------------------------------------------------------
update $m_it it marcus 2026-10-30T16:00:00+00:00 <<EOF
summary: |
  Maternity go-live is now 18 December. 70% of midwives are trained after paid evening
  sessions started. The pharmacy stock system moved to the new data centre on 25 October.
kpis:
  - kpi: it/wards-live
    actual: 16
    target: 16
  - kpi: it/tickets-on-time
    actual: 77
    target: 85
milestones:
  - objective: digital-records
    name: Maternity and paediatrics live
    due: 2026-12-18
    status: at-risk
challenges:
  - description: Night staff in maternity have had no training sessions yet
    actions_taken: Night sessions booked for 10 and 17 November
    support_needed: Backfill for midwives on training nights
successes:
  - description: Pharmacy stock system moved without downtime
    drivers: A Sunday cut-over rehearsed twice
action_review:
  - action: $a_servers
    effect: too-early
    note: Moved on 25 October
EOF
on 2026-11-02T15:05:00+00:00
sp meeting note $m_it --item 2 "70% of midwives trained; nights not yet started."
sp meeting note $m_it --item 3 "Service desk at 77% within two days while four staff support go-live."
sp meeting note $m_it --item 4 --outcome "Backfill for midwives on training nights approved."
sp meeting decide $m_it "Maternity and paediatrics go live on 18 December; the paper fallback is rehearsed on 9 December" --owner marcus
a_support=$(new --as grace action add "Add a second go-live support shift for maternity nights" --owner marcus \
  --due 2026-12-11 --meeting $m_it --kind risk-mitigation \
  --outcome "A digital records expert on every maternity shift for two weeks")
sp --as marcus risk update "$r_maternity" --likelihood 4 --review 2026-12-04
sp --as marcus risk update "$r_cooling" --likelihood 1 --status mitigated --review none \
  --mitigation "Pharmacy stock system moved to the new data centre on 25 October"
sp --as grace meeting close $m_it

# ---------------------------------------------------------------------------
# 9 November: action check-in
# ---------------------------------------------------------------------------
on 2026-11-05T09:00:00+00:00
sp --as grace meeting new --title "Action check-in" --kind check-in --date 2026-11-09 --time 09:00 \
  --chair grace --location "Microsoft Teams"
m_ci3=2026-11-09-action-check-in
on 2026-11-06T16:00:00+00:00
sp --as kai action checkin "$a_booking" "The supplier's patch failed testing; next attempt on 16 November." --status blocked
on 2026-11-09T09:35:00+00:00
sp --as tomas action checkin "$a_discharge" "Evening preparation on all medical wards; median wait 5.1 hours."
sp --as marcus action checkin "$a_maternity" "112 of 160 midwives trained." --status in-progress
sp --as priya action checkin "$a_clean" "Supplier meeting held; they ask for 7%." --status in-progress
sp --as ruth action checkin "$a_bank" "One booking system for both pools from 16 November." --status in-progress
sp meeting note $m_ci3 --item 1 "Booking page blocked on the supplier."
sp meeting note $m_ci3 --item 2 "No costing yet; Finance is waiting for pay data."
sp meeting note $m_ci3 --item 4 "Discharge wait 5.1 hours; the 4-hour target by 20 November looks unlikely."
sp meeting note $m_ci3 --item 9 "Cleaning supplier asks for 7%; Finance holds at 3%."
sp --as grace meeting close $m_ci3

on 2026-11-10T11:00:00+00:00
sp --as ruth action checkin "$a_nurses" "Both nurses accepted; start dates depend on references."
on 2026-11-13T17:00:00+00:00
sp --as ruth action done "$a_flex" --note "Both wards on six-week rotas with self-rostering."

# ---------------------------------------------------------------------------
# 16 November: Commercial and communications review
# ---------------------------------------------------------------------------
update $m_com sales amina 2026-11-13T12:00:00+00:00 <<'EOF'
summary: |
  Private income is back above target with the refurbished unit full. Occupational
  health renewals are at 84% and the pipeline is thin while the insurer framework waits.
kpis:
  - kpi: sales/private-income
    actual: 872
    target: 850
  - kpi: sales/oh-renewals
    actual: 84
    target: 90
  - kpi: sales/pipeline
    actual: 1180
    target: 1500
    note: Insurer framework delayed to the spring
milestones:
  - objective: financial-sustainability
    name: Two new occupational health contracts
    due: 2026-12-31
    status: on-track
challenges:
  - description: Renewals fall due in March, when councils set their budgets
    actions_taken: Offered two-year terms to the five largest customers
    support_needed: Finance to approve a 3% multi-year discount
successes:
  - description: Private unit occupancy at 96% in its first month back
    drivers: Consultants' lists moved back from the independent hospital
EOF
update $m_com marketing sofia 2026-11-13T15:30:00+00:00 <<EOF
summary: |
  Online booking reached 33%. The private clinic booking page is still blocked on the
  supplier. Complaints answered on time fell to 82%.
kpis:
  - kpi: marketing/online-booking
    actual: 33
    target: 40
  - kpi: marketing/complaints-on-time
    actual: 82
    target: 90
milestones:
  - objective: digital-records
    name: Online booking for private clinics
    due: 2026-11-20
    status: at-risk
challenges:
  - description: Patients do not know they can book online
    actions_taken: Booking link on the website's home page
    support_needed: The link printed on every appointment letter
resource_needs:
  - kind: budget
    description: £8k to reprint appointment letter templates
action_review:
  - action: $a_waits
    effect: none
    note: Calls about waiting times unchanged at about 40 a day
EOF
on 2026-11-16T15:00:00+00:00
sp meeting note $m_com --item 2 "Sales: private income above target; renewals at 84%."
sp meeting note $m_com --item 3 "Marketing: online booking at 33%; private clinic page still broken."
sp meeting note $m_com --item 4 "Renewals need a multi-year offer; online booking needs the letters."
sp meeting note $m_com --item 5 --outcome "Multi-year discount of 3% approved for the five largest customers."
sp meeting discuss $m_com --best-practice "Sales' monthly account reviews could help Marketing keep GP practices informed."
a_oh=$(new --as grace action add "Bring the occupational health renewals forward to December" --owner amina \
  --due 2026-12-04 --meeting $m_com --kind course-correction --outcome "Renewals back above 90%")
a_letters=$(new --as grace action add "Add the online booking link to every outpatient letter" --owner sofia \
  --due 2026-11-27 --meeting $m_com --kind synergy --outcome "Online booking above 36% by January")
r_tariff=$(new --as grace risk add "Insurers cut private patient tariffs" --likelihood 2 --impact 3 --owner amina \
  --dept sales --objective financial-sustainability --meeting $m_com --review 2027-02-01 \
  --mitigation "Three-year tariffs with the two largest insurers")
sp --as grace meeting close $m_com

sp --as priya action checkin "$a_clean" "Waiting for the supplier's new price list." --status blocked
on 2026-11-18T14:00:00+00:00
sp --as kai action done "$a_booking" --note "Patched by the supplier; tested with ten patients."
on 2026-11-19T16:30:00+00:00
sp --as ruth action done "$a_bank" --note "One pool, one booking system."
on 2026-11-20T10:00:00+00:00
sp --as marcus action checkin "$a_maternity" "141 of 160 midwives trained; night sessions booked."
sp --as amina action checkin "$a_oh" "Three of five customers agreed to renew early." --status in-progress

# ---------------------------------------------------------------------------
# 23 November: November strategy review (Marketing sends no update)
# ---------------------------------------------------------------------------
update $m_nov operations tomas 2026-11-20T17:10:00+00:00 <<EOF
summary: |
  Four-hour performance is up to 89.2% since streaming started on 2 November and the
  planned-care backlog is below 1,200 for the first time. Discharge waits are down to
  5.1 hours but the 4-hour target was not met by 20 November.
kpis:
  - kpi: operations/ed-four-hour
    actual: 89.2
    target: 95
  - kpi: operations/discharge-wait
    actual: 5.1
    target: 4
    note: Weekend discharges are the gap
  - kpi: operations/elective-backlog
    actual: 1185
    target: 1200
milestones:
  - objective: timely-care
    name: Outpatient triage checklist in every clinic
    due: 2026-11-13
    status: late
    note: 14 of 18 clinics; the rest by mid-December
  - objective: timely-care
    name: Streaming to the urgent treatment centre
    due: 2026-11-30
    status: done
challenges:
  - description: Pharmacy does not work weekends, so Friday and Saturday discharges wait
    actions_taken: Ward pharmacists prepare Friday's medicines on Thursday evening
    support_needed: A weekend pharmacist
successes:
  - description: Backlog under 1,200 for the first time in two years
    drivers: Weekend theatre lists and the outpatient triage checklist
resource_needs:
  - kind: staff
    description: A weekend pharmacist from January
employee_feedback: |
  Ward staff say the flow team's daily board round has made discharge planning calmer.
action_review:
  - action: $a_discharge
    effect: partial
    note: Median wait 5.1 hours, down from 6.3 in September
EOF

update $m_nov finance priya 2026-11-20T12:40:00+00:00 <<EOF
summary: |
  Agency spend fell to £512k, the lowest this year, and spend is 2.7% over budget year
  to date. The cleaning contract is stuck on the supplier's price list.
kpis:
  - kpi: finance/spend-vs-budget
    actual: 102.7
    target: 100
  - kpi: finance/agency-spend
    actual: 512
    target: 450
  - kpi: finance/invoices-on-time
    actual: 96
    target: 95
milestones:
  - objective: financial-sustainability
    name: Cleaning contract renegotiated
    due: 2026-12-15
    status: at-risk
    note: Supplier has not sent its price list
challenges:
  - description: The retention payment for theatre staff is not costed yet
    actions_taken: Pay data requested from People & Culture
    support_needed: Theatre pay and turnover data by 27 November
action_review:
  - action: $a_cap
    effect: partial
    note: Agency spend down from £621k to £512k; still above £450k
EOF

update $m_nov sales amina 2026-11-19T15:20:00+00:00 <<'EOF'
summary: |
  Private income of £872k is above target for the first time since the refurbishment.
  Three of the five largest occupational health customers agreed to renew early.
kpis:
  - kpi: sales/private-income
    actual: 872
    target: 850
  - kpi: sales/oh-renewals
    actual: 84
    target: 90
  - kpi: sales/pipeline
    actual: 1180
    target: 1500
successes:
  - description: Three early renewals on two-year terms
    drivers: The multi-year discount agreed on 16 November
EOF

update $m_nov hr ruth 2026-11-21T09:30:00+00:00 <<EOF
summary: |
  Turnover fell for the eighth month running, to 12.4%. Flexible rostering is in place
  on both pilot wards, six weeks early, and two nurses withdrew their resignations.
kpis:
  - kpi: hr/turnover
    actual: 12.4
    target: 10
  - kpi: hr/nurse-vacancies
    actual: 8.7
    target: 8
  - kpi: hr/mandatory-training
    actual: 92
    target: 90
milestones:
  - objective: workforce
    name: Flexible rostering on two pilot wards
    due: 2026-12-18
    status: done
  - objective: workforce
    name: Retention payment for theatre staff agreed
    due: 2026-11-13
    status: late
    note: Waiting for Finance's costing
challenges:
  - description: One more theatre nurse resigned in November
    support_needed: A decision on the retention payment at the December board
successes:
  - description: Two nurses on the pilot wards withdrew their resignations
    drivers: Self-rostering six weeks ahead
employee_feedback: |
  Nurses on the pilot wards ask when the other wards get six-week rotas.
action_review:
  - action: $a_flex
    effect: too-early
    note: Four weeks of data
  - action: $a_bank
    effect: too-early
    note: The shared pool started on 16 November
EOF

update $m_nov it marcus 2026-11-20T18:05:00+00:00 <<EOF
summary: |
  Seventeen of eighteen planned wards are live; ward 3 moves to January with maternity.
  141 of 160 midwives are trained and night sessions are booked.
kpis:
  - kpi: it/wards-live
    actual: 17
    target: 18
    note: Ward 3 moved to January
  - kpi: it/uptime
    actual: 99.97
    target: 99.9
  - kpi: it/tickets-on-time
    actual: 78
    target: 85
milestones:
  - objective: digital-records
    name: Maternity and paediatrics live
    due: 2026-12-18
    status: at-risk
    note: Training 88% complete
challenges:
  - description: Service desk response times suffer while staff support go-live
    actions_taken: Two contractors cover the service desk until January
successes:
  - description: No pharmacy stock-outs caused by downtime since the move
    drivers: The new data centre's redundant power and cooling
action_review:
  - action: $a_servers
    effect: effective
    note: Stock-outs fell from 9 in September to 2 in November
  - action: $a_maternity
    effect: too-early
EOF

# The meeting, recorded live. Each line is a note on the current item; an empty line
# or /next moves on; /outcome, /decide, /action, /synergy, /share, /feedback,
# /practice and /adjust record the rest.
on 2026-11-23T10:00:00+00:00
sp --as grace meeting run $m_nov <<'EOF'
Winter resilience first, then maternity go-live on 18 December.
/outcome Goals confirmed: winter readiness and the maternity go-live.
/next
Four-hour performance 89.2%, up from 87.9%, since streaming to the urgent treatment centre.
Median discharge wait 5.1 hours against 4; weekends are the gap.
Backlog over 18 weeks below 1,200 for the first time in two years.
/outcome Operations improving; weekend discharge is the main gap.
/next
Agency spend £512k, the lowest this year, still above the £450k target.
Spend 2.7% over budget year to date.
/outcome Finance at risk; agency spend is still the main pressure.
/decide Fund a weekend pharmacist from January from the agency reserve @priya
/action Draft the business case for a weekend pharmacist @priya 2026-12-04
/next
Private income £872k, above target; three early occupational health renewals.
/outcome Commercial income recovering; renewals still below 90%.
/next
No update from Marketing this month; Sofia sent apologies.
/outcome Marketing to circulate a written update by Friday.
/next
Turnover 12.4%, down for the eighth month; two nurses withdrew resignations.
/outcome People & Culture on course; the theatre retention payment waits for Finance.
/action Send theatre pay and turnover data to Finance @ruth 2026-11-27
/next
Seventeen of eighteen planned wards live; 141 of 160 midwives trained.
/outcome Rollout one ward behind plan; the maternity date holds.
/next
/synergy Operations and IT build the discharge dashboard together from the bed-state feed
/share The shared bank pool covers pharmacy evening shifts until the weekend pharmacist starts
/feedback Departments ask Finance for agency spend by ward, not only by directorate
/practice Self-rostering six weeks ahead could help theatres keep staff
/next
/adjust timeline it Paper records retired in April 2027 instead of March, after maternity and ward 3
/adjust resources hr Two bank staff move to pharmacy evening shifts for December
Winter bed risk stays the top risk; six escalation beds open on 1 December.
/next
Open and overdue actions reviewed; discharge and the retention costing are late.
/next
Next strategy review on 7 December, brought forward for the holidays.
/done
EOF
a_beds=$(new --as grace action add "Open six escalation beds on ward 7 for the winter" --owner tomas \
  --due 2026-12-01 --meeting $m_nov --kind risk-mitigation \
  --outcome "No patient waits over 12 hours in the emergency department for a bed")
sp meeting adjust $m_nov --kind course-correction --dept operations \
  "Escalation beds open on 1 December instead of when demand peaks" --action "$a_beds"
sp --as tomas risk update "$r_winter" --review 2026-12-07 \
  --mitigation "Six escalation beds on ward 7 from 1 December; discharge-to-assess beds agreed with the county council"

on 2026-11-23T15:00:00+00:00
sp --as grace action review "$a_servers" --effect effective --note "Stock-outs fell from 9 in September to 2 in November."
sp --as grace action review "$a_flu" --effect partial --note "61% vaccinated against a 75% aim; night staff hard to reach."
sp --as grace action review "$a_waits" --effect none --note "Calls about waiting times unchanged at about 40 a day."
sp --as grace action review "$a_cap" --effect partial --note "Agency spend down from £621k to £512k; still above £450k."
sp --as grace action review "$a_flex" --effect too-early --note "Four weeks of data; two resignations withdrawn."

feedback $m_nov tomas 4 4 5 5 "The decision on the weekend pharmacist was made in the room"
feedback $m_nov priya 5 4 4 5 "Updates in on time, and read"
feedback $m_nov - 4 5 4 4 "Kept to time" "Chase missing updates before the meeting, not in it"
on 2026-11-24T08:15:00+00:00
feedback $m_nov marcus 4 4 4 4 "" "Marketing's update was missed; ask for a short one rather than none"

# ---------------------------------------------------------------------------
# 24 November: the December review is planned
# ---------------------------------------------------------------------------
on 2026-11-24T08:30:00+00:00
sp --as grace meeting new --title "December strategy review" --kind collaborative --date 2026-12-07 \
  --time 10:00 --chair grace --location "Board room, Trust HQ" --attendee lena,daniel \
  --objective "Confirm winter readiness and the maternity go-live" \
  --objective "Decide on the theatre retention payment" \
  --objective "Agree the plan's priorities for January to March"

# ---------------------------------------------------------------------------
# Check, then replace examples/northwind
# ---------------------------------------------------------------------------
"$saypro" -C "$store" check --quiet
rm -f "$store/.saypro.lock"
rm -rf "$out"
cp -R "$store" "$out"
echo "Rebuilt $out"
