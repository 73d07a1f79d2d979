//! Reference data: the RHO regions (regional GP organisations) and their municipalities
//! (`config/rho-regions.toml`), for the region rule.

use crate::diag::Diagnostic;
use crate::reader::Reader;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RhoRegion {
    pub name: String,
    pub organisation: String,
    pub municipalities: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RhoRegions {
    pub regions: Vec<RhoRegion>,
}

/// Municipality and region names compare without case and surrounding spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl RhoRegions {
    pub fn find(&self, name: &str) -> Option<&RhoRegion> {
        self.regions.iter().find(|r| same_name(&r.name, name))
    }
}

pub fn parse_regions(text: &str) -> Result<RhoRegions, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    let mut out = RhoRegions::default();
    for (path, v) in r.array(&mut root, "rho_regions", true, "[[rho_regions]] tables") {
        let Some(mut t) = r.table_value(path, v) else {
            continue;
        };
        let name = r.text(&mut t, "name");
        let organisation = r.text(&mut t, "organisation");
        let mut municipalities: Vec<String> = Vec::new();
        for (p, m) in r.array(&mut t, "municipalities", true, "an array of municipality names") {
            match m.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => {
                    if municipalities.iter().any(|x| same_name(x, s)) {
                        r.error(
                            Some(m.span()),
                            &p,
                            format!("found \"{s}\" a second time, expected each municipality once"),
                        );
                    } else {
                        municipalities.push(s.trim().to_string());
                    }
                }
                _ => r.error(Some(m.span()), &p, "expected a non-empty municipality name in quotes"),
            }
        }
        if !name.is_empty() && out.find(&name).is_some() {
            r.error_at_field(
                &t.child("name"),
                format!("found region \"{name}\" a second time, expected each RHO region once"),
            );
        }
        r.finish(t);
        out.regions.push(RhoRegion {
            name,
            organisation,
            municipalities,
        });
    }
    r.finish(root);
    r.into_result().map(|()| out)
}
