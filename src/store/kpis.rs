//! KPI files, found by id without reading other files. A KPI's id is
//! `<department>/<name>`, from its path.

use super::Store;
use super::error::Located;
use super::index::Brief;
use super::layout::Scope;
use super::records::Loaded;
use crate::model::{Kpi, KpiId};

impl Store {
    /// Reads the KPIs of one department, or of all, sorted by id. Files that do not
    /// parse are returned as problems so the others stay usable.
    pub(crate) fn read_kpis(
        &self,
        department: Option<&str>,
    ) -> (Vec<(KpiId, Loaded<Kpi>)>, Vec<Located>) {
        let scope = department.map_or(Scope::ALL, Scope::under);
        let (loaded, problems) = self.read_all::<Kpi>(scope);
        let mut kpis: Vec<(KpiId, Loaded<Kpi>)> = loaded
            .into_iter()
            .filter_map(|l| Some((l.kpi_id()?, l)))
            .collect();
        kpis.sort_by(|a, b| a.0.cmp(&b.0));
        (kpis, problems)
    }
}

impl Store {
    /// The summaries of the KPIs of one department, or of all, sorted by id: each KPI
    /// with only its latest values (see [`super::index::Summarize`]), and the way to the
    /// whole record.
    pub(crate) fn kpi_briefs(
        &self,
        department: Option<&str>,
    ) -> (Vec<(KpiId, Brief<Kpi>)>, Vec<Located>) {
        let scope = department.map_or(Scope::ALL, Scope::under);
        let (briefs, problems) = self.briefs::<Kpi>(scope);
        let mut kpis: Vec<(KpiId, Brief<Kpi>)> = briefs
            .into_iter()
            .filter_map(|b| Some((b.key()?.parse().ok()?, b)))
            .collect();
        kpis.sort_by(|a, b| a.0.cmp(&b.0));
        (kpis, problems)
    }
}

impl Loaded<Kpi> {
    /// The KPI's id, from its path.
    pub(crate) fn kpi_id(&self) -> Option<KpiId> {
        let entry = super::layout::parse(crate::model::SchemaKind::Kpi, &self.rel)?;
        entry.key.parse().ok()
    }
}
