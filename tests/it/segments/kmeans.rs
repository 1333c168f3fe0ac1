//! k-means segments: recovery, restarts, choice of k, determinism, edge cases and names.

use super::common;

use std::collections::HashSet;

use common::{adjusted_rand_index, blobs, planted_customers, rfm_like};
use kith::analytics::segments::{
    ClusterName, CustomerValues, KChoice, KMeansOptions, SegmentError, SegmentNote, SegmentOptions,
    Segmentation, feature_matrix, kmeans, segment_customers, silhouette_score,
};

/// Four well-separated groups in (recency, orders, spend).
const FOUR_GROUPS: [(f64, f64, f64); 4] = [
    (3.0, 30.0, 5_000.0),   // recent, frequent, high spend
    (400.0, 25.0, 4_000.0), // lapsed big spenders
    (5.0, 1.0, 30.0),       // new, low spend
    (500.0, 1.0, 20.0),     // lapsed one-off buyers
];

fn options_with_k(k: Option<usize>) -> SegmentOptions {
    SegmentOptions {
        k,
        ..SegmentOptions::default()
    }
}

/// Every number in a segmentation must be finite (NaN-free results).
fn assert_all_finite(s: &Segmentation) {
    assert!(s.inertia.is_finite(), "inertia must be finite");
    for c in &s.clusters {
        let mut nums = vec![c.mean_recency_days, c.mean_orders, c.mean_spend];
        nums.extend(&c.mean_extra);
        nums.extend(&c.centroid_z);
        assert!(
            nums.iter().all(|v| v.is_finite()),
            "cluster {:?} must have finite numbers: {nums:?}",
            c.name
        );
    }
    for ks in &s.k_scores {
        assert!(ks.inertia.is_finite());
        assert!(
            ks.silhouette
                .is_none_or(|v| v.is_finite() && (-1.0..=1.0).contains(&v))
        );
    }
}

fn assert_names_unique(s: &Segmentation) {
    let names: HashSet<&str> = s.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names.len(),
        s.clusters.len(),
        "cluster names must be unique within one result: {:?}",
        s.clusters.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
}

#[test]
fn recovers_well_separated_planted_clusters_exactly() {
    let centres: [&[f64]; 4] = [
        &[0.0, 0.0, 0.0],
        &[8.0, 0.0, 0.0],
        &[0.0, 8.0, 0.0],
        &[0.0, 0.0, 8.0],
    ];
    let (points, truth) = blobs(&centres, 250, 0.5, 11);
    let fit = kmeans(&points, 3, 4, &KMeansOptions::default()).expect("k-means runs");
    let ari = adjusted_rand_index(&fit.labels, &truth);
    assert_eq!(
        ari, 1.0,
        "four blobs 16 standard deviations apart must be recovered exactly (ARI {ari})"
    );
}

#[test]
fn best_of_n_init_is_never_worse_than_a_single_start() {
    let data = rfm_like(3_000, 5);
    let m = feature_matrix(&data, &[]).expect("features");
    let mut strictly_better = 0;
    for seed in 0..6 {
        let one = KMeansOptions {
            n_init: 1,
            seed,
            ..KMeansOptions::default()
        };
        let ten = KMeansOptions {
            n_init: 10,
            ..one.clone()
        };
        let single = kmeans(&m.values, 3, 6, &one).expect("single start");
        let best = kmeans(&m.values, 3, 6, &ten).expect("ten starts");
        assert!(
            best.inertia <= single.inertia,
            "seed {seed}: the best of 10 starts includes start 0, so its inertia {} cannot exceed \
             the single start's {}",
            best.inertia,
            single.inertia
        );
        if best.inertia < single.inertia * (1.0 - 1e-9) {
            strictly_better += 1;
        }
    }
    assert!(
        strictly_better > 0,
        "on overlapping data, extra starts should find a lower inertia at least once"
    );
}

#[test]
fn labels_are_the_nearest_centroids() {
    let data = rfm_like(2_000, 9);
    let m = feature_matrix(&data, &[]).expect("features");
    let fit = kmeans(&m.values, 3, 5, &KMeansOptions::default()).expect("k-means");
    for (row, &l) in m.values.chunks_exact(3).zip(&fit.labels) {
        let d = |j: usize| -> f64 {
            row.iter()
                .zip(&fit.centroids[j * 3..j * 3 + 3])
                .map(|(a, b)| (a - b) * (a - b))
                .sum()
        };
        let nearest = (0..fit.k).map(d).fold(f64::INFINITY, f64::min);
        assert!(
            d(l) <= nearest + 1e-9,
            "Hamerly's bounds may only skip work, never change an assignment: a point labelled {l} \
             is nearer another centre"
        );
    }
}

#[test]
fn inertia_no_worse_than_smartcore_reference() {
    use smartcore::cluster::kmeans::{KMeans, KMeansParameters};
    use smartcore::linalg::basic::matrix::DenseMatrix;

    let data = rfm_like(2_000, 3);
    let m = feature_matrix(&data, &[]).expect("features");
    let ours = kmeans(&m.values, 3, 5, &KMeansOptions::default()).expect("k-means");
    let x = DenseMatrix::new(m.rows, 3, m.values.clone(), false).expect("matrix");
    let mut best = f64::INFINITY;
    for seed in 0..10 {
        let mut p = KMeansParameters::default().with_k(5).with_max_iter(300);
        p.seed = Some(seed);
        let km: KMeans<f64, usize, DenseMatrix<f64>, Vec<usize>> =
            KMeans::fit(&x, p).expect("smartcore fit");
        let labels: Vec<usize> = km.predict(&x).expect("smartcore predict");
        best = best.min(partition_inertia(&m.values, 3, 5, &labels));
    }
    assert!(
        ours.inertia <= best * 1.005,
        "our best of 10 starts ({}) must be within 0.5 % of smartcore's best of 10 ({best})",
        ours.inertia
    );
}

fn partition_inertia(values: &[f64], dims: usize, k: usize, labels: &[usize]) -> f64 {
    let mut sums = vec![0.0; k * dims];
    let mut counts = vec![0usize; k];
    for (row, &l) in values.chunks_exact(dims).zip(labels) {
        counts[l] += 1;
        for (s, v) in sums[l * dims..(l + 1) * dims].iter_mut().zip(row) {
            *s += v;
        }
    }
    values
        .chunks_exact(dims)
        .zip(labels)
        .map(|(row, &l)| {
            let c = counts[l].max(1) as f64;
            row.iter()
                .zip(&sums[l * dims..(l + 1) * dims])
                .map(|(v, s)| (v - s / c) * (v - s / c))
                .sum::<f64>()
        })
        .sum()
}

#[test]
fn silhouette_picks_the_planted_k() {
    let (customers, truth) = planted_customers(&FOUR_GROUPS, 150, 0.15, 21);
    let s = segment_customers(&customers, &options_with_k(None)).expect("segments");
    assert_eq!(s.k_choice, KChoice::Silhouette);
    let tried: Vec<usize> = s.k_scores.iter().map(|k| k.k).collect();
    assert_eq!(
        tried,
        (2..=8).collect::<Vec<_>>(),
        "k from 2 to 8 must all be tried"
    );
    assert_eq!(
        s.k, 4,
        "four clear groups must give the best silhouette at k = 4; scores: {:?}",
        s.k_scores
    );
    let labels: Vec<usize> = s.assignments.iter().map(|a| a.cluster).collect();
    assert_eq!(
        adjusted_rand_index(&labels, &truth),
        1.0,
        "and recover them exactly"
    );

    let (three, _) = planted_customers(&FOUR_GROUPS[..3], 150, 0.15, 22);
    let s3 = segment_customers(&three, &options_with_k(None)).expect("segments");
    assert_eq!(
        s3.k, 3,
        "three clear groups must give k = 3; scores: {:?}",
        s3.k_scores
    );
}

#[test]
fn cluster_summaries_are_in_original_units_and_named() {
    let (customers, _) = planted_customers(&FOUR_GROUPS, 100, 0.05, 4);
    let s = segment_customers(&customers, &options_with_k(Some(4))).expect("segments");
    assert_eq!(s.k_choice, KChoice::Given);
    assert_eq!(s.clusters.iter().map(|c| c.size).sum::<usize>(), 400);
    assert_eq!(s.assignments.len(), 400);
    assert!(
        s.assignments
            .iter()
            .zip(&customers)
            .all(|(a, c)| a.id == c.id),
        "assignments must follow input order and carry the customer id"
    );
    let spend: Vec<f64> = s.clusters.iter().map(|c| c.mean_spend).collect();
    assert!(
        spend.windows(2).all(|w| w[0] >= w[1]),
        "clusters are listed highest spend first: {spend:?}"
    );
    let top = &s.clusters[0];
    assert!(
        (top.mean_orders - 30.0).abs() < 1.5 && (top.mean_recency_days - 3.0).abs() < 0.5,
        "the top cluster's means must be in original units (about 3 days, 30 orders), got {top:?}"
    );
    let names: Vec<&str> = s.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "high value, loyal regulars",
            "high value, lapsed regulars",
            "new, low spend",
            "lapsed one-off buyers, low spend"
        ],
        "names follow the documented centroid thresholds"
    );
    assert_all_finite(&s);
}

#[test]
fn deterministic_with_a_seed_whatever_the_thread_count() {
    let data = rfm_like(4_000, 8);
    let run = |threads: usize, seed: u64| {
        let options = SegmentOptions {
            kmeans: KMeansOptions {
                threads,
                seed,
                ..KMeansOptions::default()
            },
            ..options_with_k(None)
        };
        segment_customers(&data, &options).expect("segments")
    };
    let a = run(1, 42);
    let b = run(2, 42);
    let c = run(3, 42);
    assert_eq!(
        a, b,
        "the same seed must give the same segmentation on 1 or 2 threads"
    );
    assert_eq!(a, c, "and on 3 threads");
    let m = feature_matrix(&data, &[]).expect("features");
    let f1 = kmeans(
        &m.values,
        3,
        5,
        &KMeansOptions {
            seed: 7,
            ..KMeansOptions::default()
        },
    );
    let f2 = kmeans(
        &m.values,
        3,
        5,
        &KMeansOptions {
            seed: 7,
            ..KMeansOptions::default()
        },
    );
    assert_eq!(f1, f2, "kmeans must be reproducible bit for bit");
}

#[test]
fn no_customers_is_an_empty_result() {
    let s = segment_customers(&[], &SegmentOptions::default()).expect("empty input is fine");
    assert_eq!((s.k, s.k_choice), (0, KChoice::Empty));
    assert!(s.clusters.is_empty() && s.assignments.is_empty());
    let notes: Vec<(&SegmentNote, &str)> =
        s.notes.iter().map(|n| (&n.code, n.text.as_str())).collect();
    assert_eq!(
        notes,
        [(&SegmentNote::NoCustomers, "no customers to segment")]
    );
}

#[test]
fn one_customer_is_one_segment() {
    let c = CustomerValues {
        id: "solo".into(),
        recency_days: 12.0,
        orders: 3.0,
        spend: 99.5,
        extra: Vec::new(),
    };
    for k in [None, Some(3)] {
        let s = segment_customers(std::slice::from_ref(&c), &options_with_k(k)).expect("segments");
        assert_eq!((s.k, s.k_choice), (1, KChoice::Single), "k = {k:?}");
        assert!(
            s.notes
                .iter()
                .any(|n| n.code == SegmentNote::OneCustomer
                    && n.text == "only 1 customer: one segment"),
            "{:?}",
            s.notes
        );
        let only = &s.clusters[0];
        assert_eq!(
            (
                only.size,
                only.mean_recency_days,
                only.mean_orders,
                only.mean_spend
            ),
            (1, 12.0, 3.0, 99.5),
            "the single cluster's means are the customer's own values"
        );
        assert_all_finite(&s);
    }
}

#[test]
fn identical_customers_make_one_segment_without_nan() {
    let same: Vec<CustomerValues> = (0..50)
        .map(|i| CustomerValues {
            id: format!("c{i}"),
            recency_days: 30.0,
            orders: 2.0,
            spend: 120.0,
            extra: vec![7.0],
        })
        .collect();
    let options = SegmentOptions {
        extra_columns: vec!["visits".into()],
        ..SegmentOptions::default()
    };
    let s = segment_customers(&same, &options).expect("segments");
    assert_eq!((s.k, s.k_choice), (1, KChoice::Single));
    assert!(
        s.notes
            .iter()
            .any(|n| n.code == SegmentNote::AllAlike { customers: 50 }
                && n.text == "all 50 customers look the same on every column: one segment"),
        "the user must be told why there is one segment: {:?}",
        s.notes
    );
    assert!(s.notes.iter().any(|n| n.code
        == SegmentNote::SameForEveryone {
            column: "visits".into()
        }
        && n.text.contains("same visits")));
    assert_eq!(s.clusters[0].name, "everyone (no differences)");
    assert_eq!(
        s.clusters[0].code,
        ClusterName::NoDifferences,
        "the name's code says the same as the name"
    );
    assert_eq!(
        s.clusters[0].centroid_z, [0.0; 4],
        "zero variance must give z = 0, not NaN"
    );
    assert_eq!(s.inertia, 0.0);
    assert_all_finite(&s);
    let m = feature_matrix(&same, &options.extra_columns).expect("features");
    assert!(m.values.iter().all(|&v| v == 0.0) && m.stds.iter().all(|&v| v == 0.0));
}

#[test]
fn a_constant_column_is_noted_and_ignored() {
    let (mut customers, truth) = planted_customers(&FOUR_GROUPS[..2], 60, 0.05, 2);
    for c in &mut customers {
        c.orders = 4.0;
    }
    let s = segment_customers(&customers, &options_with_k(Some(2))).expect("segments");
    assert!(
        s.notes.iter().any(|n| n.code
            == SegmentNote::SameForEveryone {
                column: "orders".into()
            }
            && n.text == "every customer has the same orders, so it does not separate segments"),
        "{:?}",
        s.notes
    );
    let labels: Vec<usize> = s.assignments.iter().map(|a| a.cluster).collect();
    assert_eq!(adjusted_rand_index(&labels, &truth), 1.0);
    assert!(s.clusters.iter().all(|c| c.centroid_z[1] == 0.0));
    assert_all_finite(&s);
}

#[test]
fn fewer_distinct_customers_than_k() {
    let customers: Vec<CustomerValues> = (0..9)
        .map(|i| CustomerValues {
            id: format!("c{i}"),
            recency_days: [5.0, 100.0, 400.0][i % 3],
            orders: [10.0, 3.0, 1.0][i % 3],
            spend: [900.0, 200.0, 20.0][i % 3],
            extra: Vec::new(),
        })
        .collect();
    let s = segment_customers(&customers, &options_with_k(Some(5))).expect("segments");
    assert_eq!(s.k, 3, "k must come down to the 3 distinct customers");
    assert!(
        s.notes.iter().any(|n| n.code
            == SegmentNote::FewerSegmentsThanAsked {
                asked: 5,
                distinct: 3
            }
            && n.text == "asked for 5 segments, but there are only 3 distinct customers: made 3"),
        "{:?}",
        s.notes
    );
    assert!(
        s.inertia < 1e-20,
        "each distinct customer is its own cluster: {}",
        s.inertia
    );
    assert_names_unique(&s);

    let two = segment_customers(&customers[..2], &options_with_k(None)).expect("segments");
    assert_eq!(
        (two.k, two.k_choice),
        (1, KChoice::Single),
        "2 customers are too few for a silhouette (it needs k ≤ n − 1)"
    );
    assert!(
        two.notes
            .iter()
            .any(|n| n.code == SegmentNote::TooFewToSplit { customers: 2 }
                && n.text.contains("too few")),
        "{:?}",
        two.notes
    );

    let err = kmeans(
        &[0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
        2,
        3,
        &KMeansOptions::default(),
    )
    .expect_err("2 distinct points cannot make 3 clusters");
    assert_eq!(err, SegmentError::TooFewPoints { k: 3, distinct: 2 });
    assert_eq!(
        err.to_string(),
        "cannot make 3 clusters from 2 distinct points"
    );
}

#[test]
fn bad_input_is_refused_with_a_readable_error() {
    let mut customers = rfm_like(10, 1);
    customers[4].spend = f64::NAN;
    let err = segment_customers(&customers, &SegmentOptions::default()).expect_err("NaN refused");
    assert_eq!(
        err.to_string(),
        "customer c4: spend is NaN, which cannot be used (it must be a finite number between \
         -1e15 and 1e15)"
    );

    let customers = rfm_like(10, 1);
    let options = SegmentOptions {
        extra_columns: vec!["visits".into()],
        ..SegmentOptions::default()
    };
    let err = segment_customers(&customers, &options).expect_err("missing extras refused");
    assert_eq!(
        err.to_string(),
        "customer c0 has 0 extra values, but 1 extra columns are named"
    );

    let zero_starts = SegmentOptions {
        kmeans: KMeansOptions {
            n_init: 0,
            ..KMeansOptions::default()
        },
        ..SegmentOptions::default()
    };
    assert!(matches!(
        segment_customers(&customers, &zero_starts),
        Err(SegmentError::InvalidSetting(_))
    ));
    assert!(matches!(
        segment_customers(&customers, &options_with_k(Some(0))),
        Err(SegmentError::InvalidSetting(_))
    ));
    assert_eq!(
        kmeans(&[1.0, 2.0, 3.0], 2, 1, &KMeansOptions::default()),
        Err(SegmentError::Shape { len: 3, dims: 2 })
    );
    assert!(matches!(
        kmeans(&[1.0, f64::INFINITY], 1, 1, &KMeansOptions::default()),
        Err(SegmentError::BadValue { .. })
    ));
}

#[test]
fn names_are_unique_even_without_structure() {
    for seed in 0..4 {
        let data = rfm_like(1_500, 100 + seed);
        let s = segment_customers(&data, &options_with_k(Some(8))).expect("segments");
        assert_eq!(s.k, 8);
        assert_names_unique(&s);
        assert_all_finite(&s);
    }
}

#[test]
fn an_extra_column_can_separate_customers() {
    // Same RFM for everyone; only the extra column tells two groups apart.
    let customers: Vec<CustomerValues> = (0..40)
        .map(|i| CustomerValues {
            id: format!("c{i}"),
            recency_days: 10.0,
            orders: 2.0,
            spend: 50.0,
            extra: vec![if i % 2 == 0 { -3.0 } else { 5.0 } + 0.01 * f64::from(i % 5)],
        })
        .collect();
    let options = SegmentOptions {
        extra_columns: vec!["support tickets".into()],
        ..SegmentOptions::default()
    };
    let s = segment_customers(&customers, &options).expect("segments");
    assert_eq!(s.k, 2);
    let mut names: Vec<&str> = s.clusters.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "steady (higher support tickets)",
            "steady (lower support tickets)"
        ],
        "clusters equal on RFM are told apart by the extra column's name"
    );
    assert_eq!(
        s.columns,
        ["recency_days", "orders", "spend", "support tickets"]
    );
}

#[test]
fn silhouette_sampling_is_deterministic_and_bounded() {
    let centres: [&[f64]; 2] = [&[0.0, 0.0], &[5.0, 5.0]];
    let (points, truth) = blobs(&centres, 400, 1.0, 3);
    let full = silhouette_score(&points, 2, &truth, 10_000, 0)
        .expect("ok")
        .expect("defined");
    let s1 = silhouette_score(&points, 2, &truth, 300, 9)
        .expect("ok")
        .expect("defined");
    let s2 = silhouette_score(&points, 2, &truth, 300, 9)
        .expect("ok")
        .expect("defined");
    assert_eq!(s1, s2, "the sample must be drawn from the seed alone");
    assert!(
        (s1 - full).abs() < 0.05,
        "a 300-point sample estimates the full score {full}: {s1}"
    );
    assert!(
        (0.5..=1.0).contains(&full),
        "two separated blobs score well: {full}"
    );
    let one = silhouette_score(&points, 2, &vec![0; truth.len()], 100, 0).expect("ok");
    assert_eq!(one, None, "one cluster has no silhouette");
}

#[test]
fn results_serialise_for_the_ui() {
    let (customers, _) = planted_customers(&FOUR_GROUPS, 10, 0.05, 4);
    let s = segment_customers(&customers, &options_with_k(None)).expect("segments");
    let json = serde_json::to_value(&s).expect("serialises");
    assert_eq!(json["k_choice"], "silhouette");
    assert!(json["clusters"][0]["name"].is_string());
    assert!(json["k_scores"].as_array().is_some_and(|a| !a.is_empty()));
}
