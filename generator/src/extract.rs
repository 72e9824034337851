//! Extraction: one [`Page`] -> the facts it states about types and endpoints.

use crate::diagnostics::Diagnostic;
use crate::page::Page;

/// Everything one page says, before pages are merged.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts the facts of one page.
pub fn extract_page(page: &Page) -> PageFacts {
    PageFacts { path: page.path.clone(), diagnostics: page.diagnostics.clone() }
}
