//! Lifetime value models (BG/NBD and Gamma-Gamma): reference values computed independently,
//! parameter recovery by simulation, and bad or extreme input.

#[allow(dead_code)] // each test module uses a different subset
mod common;
mod edge_cases;
mod reference;
mod simulation;
#[allow(dead_code)]
mod values;
