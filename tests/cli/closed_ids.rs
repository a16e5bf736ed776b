//! The shortest prefix printed for a closed action takes the ids of the closed year
//! folders from a cache, only while each folder is as it was when it was listed: a
//! file added behind saypro's back (by git, by hand) is counted as a listing counts it.

use crate::cache::settle;
use crate::harness::TestEnv;

const ID: &str = "51ywmc13m2";
const OLD_YEAR: &str = "actions/closed/2025";
const CACHE: &str = ".saypro-cache/closed-ids.bin";

#[test]
fn an_action_copied_into_a_closed_year_behind_the_caches_back_lengthens_the_prefix() {
    let env = TestEnv::northwind();
    let closed = env.read("actions/closed/2026/1648teista.yaml");
    env.write(&format!("{OLD_YEAR}/7x00000000.yaml"), &closed);
    settle();
    let first = env.saypro(&["action", "done", ID]).success();
    assert!(first.stderr.contains("[51yw]"), "{first}");
    assert!(env.root().join(CACHE).is_file(), "the ids were kept");
    env.saypro(&["action", "update", "51yw", "--status", "open"])
        .success();

    // An action whose id shares eight characters with it, in a folder the cache holds.
    env.write(&format!("{OLD_YEAR}/51ywmc13zz.yaml"), &closed);
    let run = env.saypro(&["action", "done", ID]).success();
    assert!(run.stderr.contains("[51ywmc13m]"), "{run}");
    env.saypro(&["action", "update", "51ywmc13m", "--status", "open"])
        .success();
    let every = env
        .saypro_reading_every_record(&["action", "done", ID])
        .success();
    assert!(every.stderr.contains("[51ywmc13m]"), "{every}");
}
