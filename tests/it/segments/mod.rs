//! RFM scores and k-means customer segments: scoring tables, the R×F map, planted clusters,
//! silhouette choice of k, determinism and bad input.

#[allow(dead_code)] // each test module uses a different subset
mod common;
mod kmeans;
mod rfm;
