use super::*;

use std::collections::BTreeMap;

use crate::rng::SplitMix64 as Rng;

/// Uniform in `0..n`.
fn below(rng: &mut Rng, n: u32) -> u32 {
    rng.below(n as usize) as u32
}

/// The true log-odds of the synthetic world: meetings help a lot, inactivity hurts, past won
/// deals help a little; nothing else matters.
fn true_logit(d: &DealFeatures) -> f64 {
    0.3 + 1.2 * f64::from(d.meetings_14d) - 0.1 * d.days_since_last_activity.unwrap_or(0.0)
        + 0.5 * f64::from(d.company_won_deals)
}

fn synth_deal(rng: &mut Rng, id: usize) -> DealFeatures {
    let meetings_14d = below(rng, 5);
    let calls_14d = below(rng, 4);
    let emails_14d = below(rng, 6);
    let inactive = (rng.unit() * 60.0).round();
    DealFeatures {
        deal_id: format!("d{id}"),
        value: rng
            .chance(0.9)
            .then(|| (7.0 + 4.0 * rng.unit()).exp().round()),
        stage: None,
        source: if rng.chance(0.8) {
            Some(SOURCES[below(rng, 6) as usize].to_owned())
        } else {
            None
        },
        days_since_created: inactive + (rng.unit() * 120.0).round(),
        days_since_last_activity: Some(inactive),
        meetings_14d,
        calls_14d,
        emails_14d,
        meetings_30d: meetings_14d + below(rng, 3),
        calls_30d: calls_14d + below(rng, 3),
        emails_30d: emails_14d + below(rng, 4),
        contact_has_email: rng.chance(0.7),
        contact_has_phone: rng.chance(0.6),
        contact_has_job_title: rng.chance(0.5),
        company_employees: rng.chance(0.6).then(|| u64::from(below(rng, 5000)) + 1),
        company_has_industry: rng.chance(0.5),
        company_won_deals: below(rng, 3),
    }
}

fn synth_closed(seed: u64, n: usize) -> Vec<ClosedDeal> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let features = synth_deal(&mut rng, i);
            let won = rng.chance(sigmoid(true_logit(&features)));
            ClosedDeal { features, won }
        })
        .collect()
}

fn hot_deal() -> DealFeatures {
    DealFeatures {
        deal_id: "hot".to_owned(),
        value: Some(20_000.0),
        source: Some("inbound".to_owned()),
        days_since_created: 40.0,
        days_since_last_activity: Some(20.0),
        meetings_14d: 4,
        calls_14d: 1,
        emails_14d: 2,
        meetings_30d: 4,
        calls_30d: 2,
        emails_30d: 3,
        contact_has_email: true,
        company_won_deals: 1,
        ..DealFeatures::default()
    }
}

fn stale_deal() -> DealFeatures {
    DealFeatures {
        deal_id: "stale".to_owned(),
        value: Some(20_000.0),
        source: Some("inbound".to_owned()),
        days_since_created: 90.0,
        days_since_last_activity: Some(55.0),
        contact_has_email: true,
        company_won_deals: 1,
        ..DealFeatures::default()
    }
}

fn learned_scorer() -> LeadScorer {
    let closed = synth_closed(7, 400);
    let scorer =
        LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).expect("valid config");
    assert!(
        matches!(scorer.method(), ScoreMethod::Learned { .. }),
        "{:?}",
        scorer.method()
    );
    scorer
}

#[test]
fn feature_vector_layout_and_one_hot() {
    assert_eq!(feature_names().len(), N_FEATURES);
    let d = DealFeatures {
        value: Some(999.0),
        stage: Some(" Proposal ".to_owned()),
        source: Some("unheard-of".to_owned()),
        days_since_created: 10_000.0,
        days_since_last_activity: None,
        meetings_14d: 500,
        company_employees: Some(99),
        ..DealFeatures::default()
    };
    let named = d.named_features();
    let get = |name: &str| named.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    assert!((get("log_value").unwrap() - 1000f64.ln()).abs() < 1e-12);
    assert_eq!(get("value_known"), Some(1.0));
    assert_eq!(get("stage=proposal"), Some(1.0));
    assert_eq!(get("stage=unknown"), Some(0.0));
    assert_eq!(get("source=unknown"), Some(1.0));
    assert_eq!(get("days_since_created"), Some(730.0));
    // Never any activity: inactive since created (capped at 365).
    assert_eq!(get("days_since_last_activity"), Some(365.0));
    assert_eq!(get("meetings_14d"), Some(20.0));
    assert!((get("log_company_employees").unwrap() - 100f64.ln()).abs() < 1e-12);
    // Exactly one level of each categorical is set.
    let stage_sum: f64 = named
        .iter()
        .filter(|(n, _)| n.starts_with("stage="))
        .map(|(_, v)| v)
        .sum();
    let source_sum: f64 = named
        .iter()
        .filter(|(n, _)| n.starts_with("source="))
        .map(|(_, v)| v)
        .sum();
    assert_eq!((stage_sum, source_sum), (1.0, 1.0));
    // Closed stages are not features: they would leak the label.
    let won = DealFeatures {
        stage: Some("won".to_owned()),
        ..DealFeatures::default()
    };
    assert_eq!(won.feature_vector()[6], 1.0, "won maps to stage=unknown");
}

#[test]
fn non_finite_inputs_give_finite_vectors_and_scores() {
    let weird = DealFeatures {
        deal_id: "weird".to_owned(),
        value: Some(f64::NAN),
        days_since_created: f64::INFINITY,
        days_since_last_activity: Some(-5.0),
        ..DealFeatures::default()
    };
    assert!(weird.feature_vector().iter().all(|v| v.is_finite()));
    assert_eq!(
        weird.feature_vector()[1],
        0.0,
        "NaN value counts as unknown"
    );
    let scorer = learned_scorer();
    let s = scorer.score(&weird);
    assert!(s.score <= 100);
    assert!(s.probability.is_some_and(|p| (0.0..=1.0).contains(&p)));
    let rules = LeadScorer::train(
        &[],
        std::slice::from_ref(&weird),
        &LeadScoreConfig::default(),
    )
    .unwrap();
    assert!(rules.score(&weird).score <= 100);
}

#[test]
fn learned_coefficients_have_the_right_signs() {
    let scorer = learned_scorer();
    let model = scorer.model().expect("learned");
    let meet = model.coefficient("meetings_14d").unwrap();
    let idle = model.coefficient("days_since_last_activity").unwrap();
    let won_before = model.coefficient("company_won_deals").unwrap();
    assert!(meet > 0.5, "meetings coefficient {meet}");
    assert!(idle < -0.5, "inactivity coefficient {idle}");
    assert!(won_before > 0.0, "past won deals coefficient {won_before}");
    // The two strong true effects dominate every feature that has no effect.
    for (name, beta) in model.feature_names.iter().zip(&model.coefficients) {
        if !matches!(
            name.as_str(),
            "meetings_14d"
                | "days_since_last_activity"
                | "days_since_created"
                | "company_won_deals"
        ) {
            assert!(
                beta.abs() < meet.abs().min(idle.abs()) / 2.0,
                "{name}: {beta}"
            );
        }
    }
    // stage is unknown in every closed deal: constant columns get no weight, and no NaN.
    assert_eq!(model.coefficient("stage=lead"), Some(0.0));
    assert_eq!(model.std_devs[6], 0.0);
    assert!(model.coefficients.iter().all(|c| c.is_finite()));
}

#[test]
fn learned_score_ranks_and_explains() {
    let scorer = learned_scorer();
    let hot = scorer.score(&hot_deal());
    let stale = scorer.score(&stale_deal());
    assert!(!hot.rule_based);
    assert!(hot.score > 80, "hot {}", hot.score);
    assert!(stale.score < 20, "stale {}", stale.score);
    assert_eq!(hot.score, (100.0 * hot.probability.unwrap()).round() as u8);

    let top_up = &hot.raised_by[0];
    assert_eq!(top_up.id, "meetings_14d");
    assert_eq!(top_up.text, "4 meetings in 14 days");
    assert!(top_up.points > 15, "{top_up:?}");
    assert_eq!(
        top_up.summary,
        format!("4 meetings in 14 days +{}", top_up.points)
    );

    let top_down = &stale.lowered_by[0];
    assert_eq!(top_down.id, "inactivity");
    assert_eq!(top_down.text, "no activity for 55 days");
    assert!(top_down.points < -15, "{top_down:?}");
    assert_eq!(
        top_down.summary,
        format!("no activity for 55 days \u{2212}{}", -top_down.points)
    );
    assert!(
        stale
            .lowered_by
            .iter()
            .any(|f| f.id == "meetings_14d" && f.text == "no meetings in 14 days")
    );
    // Factors are ordered and capped.
    for s in [&hot, &stale] {
        assert!(
            s.raised_by.len() <= DEFAULT_MAX_FACTORS && s.lowered_by.len() <= DEFAULT_MAX_FACTORS
        );
        assert!(s.raised_by.windows(2).all(|w| w[0].points >= w[1].points));
        assert!(s.lowered_by.windows(2).all(|w| w[0].points <= w[1].points));
        assert!(s.raised_by.iter().all(|f| f.points > 0));
        assert!(s.lowered_by.iter().all(|f| f.points < 0));
    }
}

#[test]
fn factor_points_share_out_the_distance_from_the_baseline() {
    let scorer = learned_scorer();
    let model = scorer.model().unwrap();
    for deal in [hot_deal(), stale_deal(), DealFeatures::default()] {
        let s = scorer.score(&deal);
        // With every factor listed, baseline + Σ points = score up to rounding (≤ ½ per factor).
        let all = LeadScorer {
            max_factors: usize::MAX,
            ..scorer.clone()
        }
        .score(&deal);
        let total: i32 = all
            .raised_by
            .iter()
            .chain(&all.lowered_by)
            .map(|f| f.points)
            .sum();
        let gap = (i32::from(s.baseline) + total - i32::from(s.score)).abs();
        assert!(
            gap <= 4,
            "{}: baseline {} + {total} vs {}",
            deal.deal_id,
            s.baseline,
            s.score
        );
        assert_eq!(s.baseline, (100.0 * sigmoid(model.intercept)).round() as u8);
    }
    // Meetings' points = their log-odds contribution × the secant slope.
    let deal = hot_deal();
    let s = scorer.score(&deal);
    let z = model.standardise(&deal.feature_vector());
    let eta = model.intercept + dot(&model.coefficients, &z);
    let slope = 100.0 * (sigmoid(eta) - sigmoid(model.intercept)) / (eta - model.intercept);
    let expected = (model.coefficients[16] * z[16] * slope).round() as i32;
    let meetings = s.raised_by.iter().find(|f| f.id == "meetings_14d").unwrap();
    assert_eq!(meetings.points, expected);
}

#[test]
fn held_out_auc_above_0_8() {
    let scorer = learned_scorer();
    let test = synth_closed(1234, 400);
    let scores: Vec<f64> = test
        .iter()
        .map(|c| scorer.score(&c.features).probability.unwrap())
        .collect();
    let labels: Vec<bool> = test.iter().map(|c| c.won).collect();
    let auc = roc_auc(&scores, &labels).unwrap();
    let oracle: Vec<f64> = test.iter().map(|c| true_logit(&c.features)).collect();
    let oracle_auc = roc_auc(&oracle, &labels).unwrap();
    println!("held-out AUC {auc:.3} (true model {oracle_auc:.3})");
    assert!(auc > 0.8, "held-out AUC {auc}");
    assert!(
        auc > oracle_auc - 0.03,
        "AUC {auc} vs the true model's {oracle_auc}"
    );
    if let ScoreMethod::Learned {
        training_auc,
        closed,
        ..
    } = scorer.method()
    {
        assert_eq!(*closed, 400);
        assert!(*training_auc > 0.8);
    }
}

#[test]
fn training_is_deterministic() {
    let closed = synth_closed(99, 120);
    let a = LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).unwrap();
    let b = LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a.score(&hot_deal())).unwrap(),
        serde_json::to_string(&b.score(&hot_deal())).unwrap()
    );
    // The scorer round-trips through JSON, so the app can cache a trained model.
    let json = serde_json::to_string(&a).unwrap();
    let back: LeadScorer = serde_json::from_str(&json).unwrap();
    assert_eq!(back.score(&hot_deal()), a.score(&hot_deal()));
}

#[test]
fn separable_data_still_gives_finite_scores() {
    // Won exactly when there was a meeting: perfectly separable. The L2 penalty keeps the
    // coefficients finite.
    let mut rng = Rng::new(5);
    let closed: Vec<ClosedDeal> = (0..40)
        .map(|i| {
            let features = synth_deal(&mut rng, i);
            let won = features.meetings_14d > 0;
            ClosedDeal { features, won }
        })
        .collect();
    let scorer = LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).unwrap();
    let model = scorer.model().expect("learned");
    assert!(model.coefficients.iter().all(|c| c.is_finite()));
    assert!(model.coefficient("meetings_14d").unwrap() > 0.0);
    assert!(scorer.score(&hot_deal()).score > scorer.score(&stale_deal()).score);
}

fn closed_mix(won: usize, lost: usize) -> Vec<ClosedDeal> {
    let mut rng = Rng::new(11);
    (0..won + lost)
        .map(|i| ClosedDeal {
            features: synth_deal(&mut rng, i),
            won: i < won,
        })
        .collect()
}

fn explanation(scorer: &LeadScorer) -> (&FallbackReason, &str) {
    match scorer.method() {
        ScoreMethod::RuleBased {
            reason,
            explanation,
        } => (reason, explanation.as_str()),
        other => panic!("expected rule-based, got {other:?}"),
    }
}

#[test]
fn rule_based_below_every_threshold() {
    let cfg = LeadScoreConfig::default();
    let train = |won, lost| LeadScorer::train(&closed_mix(won, lost), &[], &cfg).unwrap();

    let none = train(0, 0);
    assert_eq!(
        explanation(&none),
        (
            &FallbackReason::TooFewClosed { closed: 0 },
            "no closed deals yet; the learned score needs at least 20 closed deals with at \
             least 5 won and 5 lost"
        )
    );
    let one = train(1, 0);
    assert_eq!(
        explanation(&one).1,
        "only 1 closed deal; the learned score needs 20 with at least 5 won and 5 lost"
    );
    let seven = train(4, 3);
    assert_eq!(
        explanation(&seven).1,
        "only 7 closed deals; the learned score needs 20 with at least 5 won and 5 lost"
    );
    let nineteen = train(10, 9);
    assert_eq!(
        explanation(&nineteen).0,
        &FallbackReason::TooFewClosed { closed: 19 }
    );

    let all_won = train(25, 0);
    assert_eq!(
        explanation(&all_won),
        (
            &FallbackReason::NoLost { won: 25 },
            "all 25 closed deals were won and none lost; the learned score needs at least 5 \
             lost deals to learn what loses a deal"
        )
    );
    let all_lost = train(0, 30);
    assert_eq!(
        explanation(&all_lost).0,
        &FallbackReason::NoWon { lost: 30 }
    );
    assert!(
        explanation(&all_lost)
            .1
            .starts_with("all 30 closed deals were lost and none won")
    );

    let few_lost = train(22, 3);
    assert_eq!(
        explanation(&few_lost),
        (
            &FallbackReason::TooFewOfOneClass { won: 22, lost: 3 },
            "only 22 won and 3 lost of 25 closed deals; the learned score needs at least 5 won \
             and 5 lost"
        )
    );
    let few_won = train(4, 40);
    assert_eq!(
        explanation(&few_won).0,
        &FallbackReason::TooFewOfOneClass { won: 4, lost: 40 }
    );

    // Exactly at the minimum: learned.
    let at_min = train(5, 15);
    assert!(matches!(
        at_min.method(),
        ScoreMethod::Learned {
            closed: 20,
            won: 5,
            lost: 15,
            ..
        }
    ));
    let s = at_min.score(&hot_deal());
    assert!(!s.rule_based && s.score <= 100);
}

#[test]
fn constant_features_fall_back_without_dividing_by_zero() {
    let same = DealFeatures {
        deal_id: "x".to_owned(),
        days_since_created: 10.0,
        ..DealFeatures::default()
    };
    let closed: Vec<ClosedDeal> = (0..30)
        .map(|i| ClosedDeal {
            features: same.clone(),
            won: i % 2 == 0,
        })
        .collect();
    let scorer = LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).unwrap();
    assert_eq!(explanation(&scorer).0, &FallbackReason::NoVariation);
    assert_eq!(
        explanation(&scorer).1,
        "the closed deals all look the same (no feature varies), so there is nothing to learn \
         from them"
    );
    assert!(scorer.score(&same).score <= 100);

    // One varying column is enough to learn from; the rest stay at zero weight.
    let closed: Vec<ClosedDeal> = (0..30)
        .map(|i| ClosedDeal {
            features: DealFeatures {
                meetings_14d: u32::from(i % 2 == 0) + u32::from(i % 3 == 0),
                ..same.clone()
            },
            won: i % 2 == 0,
        })
        .collect();
    let scorer = LeadScorer::train(&closed, &[], &LeadScoreConfig::default()).unwrap();
    let model = scorer.model().expect("learned");
    assert_eq!(model.coefficients.iter().filter(|c| **c != 0.0).count(), 1);
    assert!(model.coefficient("meetings_14d").unwrap() > 0.0);
    let s = scorer.score(&hot_deal());
    assert!(s.probability.unwrap().is_finite());
    assert_eq!(s.raised_by.len() + s.lowered_by.len(), 1);
}

#[test]
fn rule_based_score_adds_points_and_explains() {
    let open = vec![
        hot_deal(),
        stale_deal(),
        DealFeatures {
            deal_id: "cheap".to_owned(),
            value: Some(100.0),
            ..DealFeatures::default()
        },
    ];
    let result = score_deals(&[], &open, &LeadScoreConfig::default()).unwrap();
    assert!(matches!(result.method, ScoreMethod::RuleBased { .. }));
    // Values 20 000, 20 000, 100: median 20 000, so nobody is above it.
    let hot = &result.scores[0];
    assert!(hot.rule_based && hot.probability.is_none());
    // 50 + meeting 15 + call 8 + email 5 + email given 5 + repeat customer 10 = 93.
    assert_eq!(hot.score, 93);
    let summaries: Vec<&str> = hot.raised_by.iter().map(|f| f.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "meeting in the last 14 days +15",
            "company has won deals before +10",
            "call in the last 14 days +8"
        ]
    );
    assert!(hot.lowered_by.is_empty());
    // 50 − 20 (55 days idle) + 5 (email) + 10 (repeat) = 45.
    let stale = &result.scores[1];
    assert_eq!(stale.score, 45);
    assert_eq!(
        stale.lowered_by[0].summary,
        "no activity for 30 days \u{2212}20"
    );
    assert_eq!(stale.lowered_by[0].id, "no_activity_30d");
}

#[test]
fn rule_based_score_is_clamped_and_rules_are_editable() {
    let mut cfg = LeadScoreConfig::default();
    // The user edits the points through the stored JSON.
    let mut json: serde_json::Value = serde_json::to_value(&cfg.rules).unwrap();
    assert_eq!(json[0]["id"], "recent_meeting");
    assert_eq!(json[0]["condition"]["type"], "at_least");
    assert_eq!(json[0]["condition"]["measure"], "meetings_14d");
    json[0]["points"] = serde_json::json!(100);
    cfg.rules = serde_json::from_value(json).unwrap();
    let s = LeadScorer::train(&[], &[], &cfg)
        .unwrap()
        .score(&hot_deal());
    assert_eq!(s.score, 100, "clamped at 100");
    assert_eq!(s.raised_by[0].summary, "meeting in the last 14 days +100");

    cfg.rules = vec![Rule {
        id: "dead".to_owned(),
        description: "no activity for 7 days".to_owned(),
        points: -80,
        condition: Condition::AtLeast {
            measure: Measure::DaysWithoutActivity,
            value: 7.0,
        },
    }];
    let s = LeadScorer::train(&[], &[], &cfg)
        .unwrap()
        .score(&stale_deal());
    assert_eq!(s.score, 0, "clamped at 0");

    // Deals without a value are never "above the median"; a missing measure never holds.
    cfg.rules = vec![
        rule("above", "above median", 10, Condition::ValueAboveMedian),
        rule(
            "small",
            "small company",
            5,
            Condition::Below {
                measure: Measure::CompanyEmployees,
                value: 50.0,
            },
        ),
        rule(
            "no_title",
            "no job title",
            -3,
            Condition::Lacks {
                attribute: Attribute::JobTitle,
            },
        ),
    ];
    let no_value = DealFeatures::default();
    let s = LeadScorer::train(&[], &[hot_deal()], &cfg)
        .unwrap()
        .score(&no_value);
    assert_eq!(s.score, 47);
}

#[test]
fn invalid_rules_and_settings_are_refused() {
    let mut rules = default_rules();
    assert_eq!(validate_rules(&rules), Ok(()));
    rules[1].id = "recent_meeting".to_owned();
    let err = validate_rules(&rules).unwrap_err();
    assert_eq!(
        err.to_string(),
        "two rules have the id \"recent_meeting\"; rule ids must be unique"
    );
    let mut rules = default_rules();
    rules[0].points = 150;
    assert_eq!(
        validate_rules(&rules).unwrap_err().to_string(),
        "rule \"recent_meeting\" gives 150 points; points must be between −100 and 100"
    );
    let mut rules = default_rules();
    rules[0].condition = Condition::AtLeast {
        measure: Measure::Value,
        value: f64::NAN,
    };
    assert!(matches!(
        validate_rules(&rules),
        Err(LeadScoreError::BadThreshold { .. })
    ));
    let mut rules = default_rules();
    rules[2].id = "  ".to_owned();
    assert_eq!(
        validate_rules(&rules),
        Err(LeadScoreError::EmptyRuleId { index: 2 })
    );

    let cfg = LeadScoreConfig {
        alpha: f64::NAN,
        ..LeadScoreConfig::default()
    };
    assert!(matches!(
        LeadScorer::train(&[], &[], &cfg),
        Err(LeadScoreError::InvalidConfig(_))
    ));
}

#[test]
fn roc_auc_cases() {
    assert_eq!(
        roc_auc(&[0.1, 0.2, 0.8, 0.9], &[false, false, true, true]),
        Some(1.0)
    );
    assert_eq!(
        roc_auc(&[0.9, 0.8, 0.2, 0.1], &[false, false, true, true]),
        Some(0.0)
    );
    assert_eq!(
        roc_auc(&[0.5, 0.5, 0.5, 0.5], &[false, true, false, true]),
        Some(0.5)
    );
    // One tie between a positive and a negative: 3 of 4 pairs right + ½.
    assert_eq!(
        roc_auc(&[0.1, 0.5, 0.5, 0.9], &[false, false, true, true]),
        Some(0.875)
    );
    assert_eq!(roc_auc(&[0.1, 0.2], &[true, true]), None);
    assert_eq!(roc_auc(&[0.1], &[true, false]), None);
}

#[test]
fn the_30_day_columns_count_only_the_older_half() {
    let d = DealFeatures {
        meetings_14d: 2,
        meetings_30d: 5,
        emails_14d: 3,
        emails_30d: 3,
        ..DealFeatures::default()
    };
    let named: BTreeMap<_, _> = d.named_features().into_iter().collect();
    assert_eq!(named["meetings_14d"], 2.0);
    assert_eq!(
        named["meetings_30d"], 3.0,
        "5 in 30 days, 2 of them in the last 14"
    );
    assert_eq!(named["emails_30d"], 0.0);
}

#[test]
fn describe_texts() {
    let d = DealFeatures {
        value: Some(12_500.4),
        stage: Some("negotiation".to_owned()),
        days_since_created: 1.0,
        days_since_last_activity: Some(0.2),
        calls_30d: 1,
        company_employees: Some(1_200),
        company_won_deals: 2,
        ..DealFeatures::default()
    };
    assert_eq!(FactorGroup::Value.describe(&d), "value 12,500");
    assert_eq!(FactorGroup::Stage.describe(&d), "stage: negotiation");
    assert_eq!(FactorGroup::Source.describe(&d), "no source given");
    assert_eq!(FactorGroup::Age.describe(&d), "created 1 day ago");
    assert_eq!(FactorGroup::Inactivity.describe(&d), "activity today");
    assert_eq!(
        FactorGroup::Calls30d.describe(&d),
        "1 call 15\u{2013}30 days ago"
    );
    let recent = DealFeatures {
        calls_14d: 1,
        calls_30d: 1,
        ..DealFeatures::default()
    };
    assert_eq!(FactorGroup::Calls14d.describe(&recent), "1 call in 14 days");
    assert_eq!(
        FactorGroup::Calls30d.describe(&recent),
        "no calls 15\u{2013}30 days ago",
        "the call of the last 14 days is not counted again"
    );
    assert_eq!(FactorGroup::Email.describe(&d), "no email");
    assert_eq!(
        FactorGroup::CompanySize.describe(&d),
        "company of 1,200 employees"
    );
    assert_eq!(
        FactorGroup::CompanyWonDeals.describe(&d),
        "2 past won deals with this company"
    );
    let idle = DealFeatures {
        days_since_last_activity: Some(6.0),
        ..DealFeatures::default()
    };
    assert_eq!(
        FactorGroup::Inactivity.describe(&idle),
        "last activity 6 days ago"
    );
    assert_eq!(signed(0), "0");
}
