use super::*;

use SentimentLabel::{Negative as N, Neutral as U, Positive as P};

fn ym(year: i32, month: u8) -> Option<YearMonth> {
    Some(YearMonth { year, month })
}

fn entry(month: Option<YearMonth>, rating: Option<i64>, nps: Option<i64>) -> FeedbackEntry {
    FeedbackEntry { month, rating, nps }
}

#[test]
fn year_month_parsing() {
    assert_eq!(YearMonth::parse("2026-03-14T09:30:00Z"), ym(2026, 3));
    assert_eq!(YearMonth::parse(" 2026-12 "), ym(2026, 12));
    assert_eq!(YearMonth::parse("2026-13-01"), None);
    assert_eq!(YearMonth::parse("2026/03/01"), None);
    assert_eq!(YearMonth::parse("26-03"), None);
    assert_eq!(YearMonth::parse("二〇二六"), None);
    assert_eq!(ym(2026, 3).unwrap().to_string(), "2026-03");
}

#[test]
fn csat_overall_distribution_and_months() {
    let rows = [
        entry(ym(2026, 1), Some(5), None),
        entry(ym(2026, 1), Some(4), None),
        entry(ym(2026, 1), Some(2), None),
        entry(ym(2026, 3), Some(1), None),
        entry(ym(2026, 3), Some(5), None),
        entry(None, Some(3), None),
        entry(ym(2026, 3), Some(9), None),  // out of range
        entry(ym(2026, 2), None, Some(10)), // NPS only
    ];
    let r = csat(&rows);
    assert_eq!(r.overall.responses, 6);
    assert_eq!(r.overall.distribution, [1, 1, 1, 1, 2]);
    assert_eq!(r.overall.satisfied, 3);
    assert_eq!(r.overall.satisfied_pct, Some(50.0));
    assert_eq!(r.overall.average, Some(20.0 / 6.0));
    assert_eq!((r.undated, r.out_of_range), (1, 1));
    assert_eq!(r.note, None);
    let months: Vec<String> = r.by_month.iter().map(|m| m.month.to_string()).collect();
    assert_eq!(months, ["2026-01", "2026-03"]);
    let jan = &r.by_month[0].stats;
    assert_eq!((jan.responses, jan.average), (3, Some(11.0 / 3.0)));
    assert!((jan.satisfied_pct.unwrap() - 200.0 / 3.0).abs() < 1e-12);
    let mar = &r.by_month[1].stats;
    assert_eq!((mar.average, mar.satisfied_pct), (Some(3.0), Some(50.0)));
}

#[test]
fn nps_overall_and_months() {
    let mut rows = Vec::new();
    // January: 5 promoters, 3 passives, 2 detractors → 50 % − 20 % = 30.
    for s in [10, 9, 9, 10, 9, 8, 7, 7, 6, 0] {
        rows.push(entry(ym(2026, 1), None, Some(s)));
    }
    // February: 1 promoter, 3 detractors → 25 % − 75 % = −50.
    for s in [9, 3, 5, 6] {
        rows.push(entry(ym(2026, 2), Some(4), Some(s)));
    }
    rows.push(entry(ym(2026, 2), None, Some(11)));
    rows.push(entry(ym(2026, 2), None, Some(-1)));
    let r = nps(&rows);
    assert_eq!(r.overall.responses, 14);
    assert_eq!(
        (
            r.overall.promoters,
            r.overall.passives,
            r.overall.detractors
        ),
        (6, 3, 5)
    );
    assert!((r.overall.nps.unwrap() - (600.0 / 14.0 - 500.0 / 14.0)).abs() < 1e-12);
    assert_eq!(r.out_of_range, 2);
    assert_eq!(r.by_month[0].stats.nps, Some(30.0));
    assert_eq!(r.by_month[1].stats.nps, Some(-50.0));
    assert_eq!(r.by_month[1].stats.promoter_pct, Some(25.0));
    assert_eq!(r.by_month[1].stats.passive_pct, Some(0.0));
    assert_eq!(r.by_month[1].stats.detractor_pct, Some(75.0));
    // All promoters: +100; all detractors: −100.
    let all_p = nps(&[entry(None, None, Some(10)), entry(None, None, Some(9))]);
    assert_eq!(all_p.overall.nps, Some(100.0));
    assert_eq!(all_p.undated, 2);
    assert!(all_p.by_month.is_empty());
    assert_eq!(nps(&[entry(None, None, Some(0))]).overall.nps, Some(-100.0));
}

#[test]
fn no_data_is_said_clearly() {
    for rows in [vec![], vec![entry(ym(2026, 1), None, None)]] {
        let c = csat(&rows);
        assert_eq!(c.overall.responses, 0);
        assert_eq!((c.overall.average, c.overall.satisfied_pct), (None, None));
        assert!(c.by_month.is_empty());
        let note = c.note.expect("no ratings are said");
        assert_eq!(
            (note.code, note.text.as_str()),
            (
                SatisfactionNote::NoRatings,
                "No satisfaction ratings (1–5) yet."
            ),
            "the window says it by its code, the CLI by its words"
        );
        let n = nps(&rows);
        assert_eq!(n.overall.nps, None);
        assert_eq!(n.overall.promoter_pct, None);
        let note = n.note.expect("no NPS scores are said");
        assert_eq!(
            (note.code, note.text.as_str()),
            (SatisfactionNote::NoNpsScores, "No NPS scores (0–10) yet.")
        );
    }
    // Only out-of-range values: still no data, and they are counted.
    let c = csat(&[entry(None, Some(0), None), entry(None, Some(6), None)]);
    assert_eq!((c.overall.responses, c.out_of_range), (0, 2));
    assert!(c.note.is_some());
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["overall"]["average"], serde_json::Value::Null);
}

// ---------------------------------------------------------------------------------------------
// Sentiment
// ---------------------------------------------------------------------------------------------

/// Realistic English customer feedback and ticket sentences with their labels.
const EN_SET: &[(&str, SentimentLabel)] = &[
    ("Great service, the agent solved my problem in minutes.", P),
    ("Delivery was fast and the packaging was perfect.", P),
    ("not bad at all", P),
    ("I love the new dashboard, it's so easy to use.", P),
    ("Very helpful support team, thank you!", P),
    ("The product works exactly as described.", P),
    ("Excellent quality for the price.", P),
    ("No problems so far, everything arrived on time.", P),
    ("Really happy with my purchase.", P),
    ("The technician was friendly and professional.", P),
    ("Quick response and a clear answer, much appreciated.", P),
    ("Highly recommend this shop to anyone.", P),
    ("The refund was processed quickly, thanks.", P),
    ("Setup was a bit slow, but the support was excellent.", P),
    ("Never had any issues with this supplier.", P),
    ("Five stars, would buy again.", P),
    ("Everything was smooth and the staff were polite.", P),
    ("I'm satisfied with how the ticket was handled.", P),
    ("Delivery was late and the box was damaged.", N),
    ("Terrible customer service, nobody answered my emails.", N),
    ("The app keeps crashing after the update.", N),
    ("I waited two weeks and still no refund.", N),
    ("Not happy with the quality at all.", N),
    ("The invoice was wrong again.", N),
    ("Very disappointed, the item broke after one day.", N),
    ("Support was rude and unhelpful.", N),
    ("It doesn't work and nobody can tell me why.", N),
    ("Way too expensive for what you get.", N),
    ("The price is fine but the delivery was awful.", N),
    ("I was charged twice and still have no response.", N),
    ("Worst experience I've had with an online store.", N),
    ("The instructions are confusing and incomplete.", N),
    ("My order is missing two items.", N),
    ("Slow shipping, poor communication.", N),
    ("The product could be better.", N),
    ("I want to cancel, this is a waste of money.", N),
    ("The screen arrived cracked.", N),
    ("Not satisfied, the problem is still not fixed.", N),
    ("I would like to change my delivery address.", U),
    ("Please send me a copy of the invoice.", U),
    ("When will my order be shipped?", U),
    ("Can I pay by bank transfer?", U),
    ("The package arrived on Tuesday.", U),
    ("My account number is 12345.", U),
    ("I ordered the blue version.", U),
];

/// Realistic Chinese customer feedback and ticket sentences with their labels.
const ZH_SET: &[(&str, SentimentLabel)] = &[
    ("客服态度很好，问题很快解决了", P),
    ("物流很快，包装也很仔细", P),
    ("质量不错，性价比很高", P),
    ("非常满意，下次还会再来", P),
    ("工程师很专业，耐心解答了我的问题", P),
    ("东西收到了，和描述一致，好评", P),
    ("退款很及时，谢谢", P),
    ("服务周到，值得推荐", P),
    ("用了一个月，没有任何问题", P),
    ("客服回复很快，处理得很好", P),
    ("价格有点贵，但是质量确实好", P),
    ("这次体验超棒", P),
    ("安装师傅准时到达，非常负责", P),
    ("产品很好用，操作简单", P),
    ("感谢你们的帮助，问题已经解决了", P),
    ("发货速度快，赞一个", P),
    ("整体还不错，挺满意的", P),
    ("售后服务让人放心", P),
    ("不太满意", N),
    ("快递太慢了，等了一个星期", N),
    ("收到的商品有破损", N),
    ("客服态度很差，一直不回复", N),
    ("质量太差了，用了两天就坏了", N),
    ("退款到现在还没到账", N),
    ("说好的三天发货，结果拖了十天", N),
    ("东西和图片不一样，很失望", N),
    ("打了好几次电话都没人接", N),
    ("软件经常闪退，根本没法用", N),
    ("发票开错了，要求重开也没人处理", N),
    ("包装很好，可是里面的东西坏了", N),
    ("非常糟糕的购物体验", N),
    ("价格太贵了，不值这个价", N),
    ("问题一直没有解决，很生气", N),
    ("少发了一件商品", N),
    ("安装师傅迟到了两个小时", N),
    ("说明书看不懂，太复杂了", N),
    ("再也不会买了", N),
    ("服务一般，没有想象中好", N),
    ("请问什么时候发货？", U),
    ("我想修改收货地址", U),
    ("麻烦帮我开一张发票", U),
    ("订单号是 20240315", U),
    ("可以用银行转账付款吗？", U),
    ("我买的是蓝色的那款", U),
    ("明天下午有人在家", U),
];

/// Written after the lexicon was frozen and first scored without any change to the lexicon:
/// an honest estimate of accuracy on unseen text (see the module docs for the figures).
const EN_HELD_OUT: &[(&str, SentimentLabel)] = &[
    ("The courier was very polite and the parcel came early.", P),
    ("Thanks for sorting this out so fast!", P),
    ("Your team went above and beyond to help me.", P),
    ("Installation took ten minutes, super simple.", P),
    ("I'm impressed by how quickly you replied.", P),
    ("Good value and nice design.", P),
    ("The new update fixed the login bug, great job.", P),
    ("Lovely staff, will definitely come back.", P),
    (
        "Customer support was patient and explained everything clearly.",
        P,
    ),
    ("Honestly the best headphones I've owned.", P),
    ("Packaging was neat and delivery was right on schedule.", P),
    ("Very pleased with the service.", P),
    ("The charger stopped working after a week.", N),
    ("Nobody from your team has called me back.", N),
    (
        "The shoes are smaller than advertised and the sole is peeling.",
        N,
    ),
    ("I've been on hold for an hour.", N),
    ("Your website is so slow it's unusable.", N),
    ("The coffee machine leaks water everywhere.", N),
    ("Extremely poor quality, the stitching came apart.", N),
    (
        "I received the wrong size and the return process is a mess.",
        N,
    ),
    ("Your agent hung up on me.", N),
    ("Still no update on my claim after three emails.", N),
    ("Disappointed that the discount code didn't apply.", N),
    ("The battery dies within two hours.", N),
    ("The replacement was also faulty.", N),
    ("Do you ship to Canada?", U),
    ("I need to update my billing details.", U),
    ("What are your opening hours on Sunday?", U),
    ("Could you resend the confirmation email?", U),
    ("The order number is on the receipt.", U),
];

/// Chinese counterpart of [`EN_HELD_OUT`].
const ZH_HELD_OUT: &[(&str, SentimentLabel)] = &[
    ("快递小哥服务态度特别好", P),
    ("衣服质量很好，穿着很舒服", P),
    ("客服小姐姐很有耐心", P),
    ("第二次购买了，一如既往的好", P),
    ("退货流程很顺畅", P),
    ("售后处理得很到位", P),
    ("东西很实用，孩子很喜欢", P),
    ("下单第二天就到了，速度真快", P),
    ("问题描述清楚后马上就给解决了", P),
    ("非常感谢技术支持的帮助", P),
    ("很满意的一次购物", P),
    ("师傅技术好，态度也好", P),
    ("等了半个月还没发货", N),
    ("手机充不进电", N),
    ("客服一问三不知", N),
    ("打开包装发现屏幕碎了", N),
    ("这个价格买到这种质量，真的很失望", N),
    ("退货申请被驳回了，理由不合理", N),
    ("配送员态度恶劣", N),
    ("电池不耐用，一天要充三次电", N),
    ("收到的颜色和我选的不一样", N),
    ("安装后一直漏水", N),
    ("产品和宣传的完全不符", N),
    ("客服说会回电话，结果一直没消息", N),
    ("包装简陋，东西有划痕", N),
    ("请问有没有大一号的尺码", U),
    ("我明天不在家，能改到后天送吗", U),
    ("发票已经收到", U),
    ("这款有黑色的吗", U),
    ("帮我查一下订单状态", U),
];

/// Written after the second lexicon round and never used for tuning: the current honest
/// estimate on unseen text (the figures are in the module docs).
const EN_FRESH: &[(&str, SentimentLabel)] = &[
    (
        "Super friendly driver, left the parcel exactly where I asked.",
        P,
    ),
    ("Your chat support sorted it in five minutes, brilliant.", P),
    ("Fair price and the quality is solid.", P),
    ("Happy customer here, thanks again.", P),
    ("The repair was done properly and on time.", P),
    ("Easy returns, no questions asked.", P),
    ("Really appreciate the follow-up call.", P),
    ("The app logs me out every five minutes, very annoying.", N),
    ("Received a used item instead of a new one.", N),
    ("Two weeks and my ticket is still open.", N),
    ("The staff at the counter were dismissive.", N),
    ("Product smells strange and the lid doesn't close.", N),
    ("Shipping cost more than the item itself, ridiculous.", N),
    ("I regret buying this.", N),
    ("Your instructions were misleading and I lost a day.", N),
    ("Is the warranty two years or three?", U),
    ("I moved, here is my new postcode.", U),
    ("Please call me after 5pm.", U),
    ("Which plan includes the API?", U),
    ("I paid with PayPal yesterday.", U),
];

/// Chinese counterpart of [`EN_FRESH`].
const ZH_FRESH: &[(&str, SentimentLabel)] = &[
    ("客服很快就帮我处理好了", P),
    ("包装完好无损，好评", P),
    ("师傅很热心，还教我怎么用", P),
    ("这个价位能买到这个质量很值", P),
    ("物流给力，隔天就到", P),
    ("售后很负责，换货很快", P),
    ("用起来很顺手", P),
    ("等客服等了半小时", N),
    ("商品有异味，不敢用", N),
    ("尺码偏小，穿不上", N),
    ("保修期内还要收维修费，太离谱了", N),
    ("说是全新的，结果是翻新机", N),
    ("联系了三次都没人管", N),
    ("质量一般般，不推荐", N),
    ("我想咨询一下会员积分怎么用", U),
    ("周末可以送货吗", U),
    ("订单已经付款了", U),
    ("能开专票吗", U),
    ("我需要换一个手机号", U),
    ("请把发票寄到公司", U),
];

fn accuracy(set: &[(&str, SentimentLabel)]) -> (f64, Vec<String>) {
    let mut wrong = Vec::new();
    for (text, want) in set {
        let got = sentiment(text);
        if got.label != *want {
            wrong.push(format!(
                "{text:?}: want {want:?}, got {:?} ({:.2})",
                got.label, got.score
            ));
        }
    }
    let acc = (set.len() - wrong.len()) as f64 / set.len() as f64;
    (acc, wrong)
}

#[test]
fn sentiment_accuracy_on_labelled_sets() {
    assert!(EN_SET.len() >= 40 && ZH_SET.len() >= 40);
    for (name, set) in [("English", EN_SET), ("Chinese", ZH_SET)] {
        let (acc, wrong) = accuracy(set);
        println!(
            "{name}: {:.1} % of {} ({} wrong)",
            100.0 * acc,
            set.len(),
            wrong.len()
        );
        for w in &wrong {
            println!("  {w}");
        }
        assert!(acc >= 0.8, "{name} accuracy {acc}: {wrong:#?}");
    }
}

#[test]
fn sentiment_accuracy_on_held_out_sets() {
    let sets = [
        ("held-out English", EN_HELD_OUT),
        ("held-out Chinese", ZH_HELD_OUT),
        ("fresh English", EN_FRESH),
        ("fresh Chinese", ZH_FRESH),
    ];
    for (name, set) in sets {
        let (acc, wrong) = accuracy(set);
        println!(
            "{name}: {:.1} % of {} ({} wrong)",
            100.0 * acc,
            set.len(),
            wrong.len()
        );
        for w in &wrong {
            println!("  {w}");
        }
        // A floor against regressions, below the tuned sets' 80 %: these sets measure coverage
        // of unseen wording, which a hand-written lexicon cannot promise.
        assert!(acc >= 0.6, "{name} accuracy {acc}: {wrong:#?}");
    }
}

#[test]
fn lexicon_entries_are_unique_and_well_formed() {
    use super::lexicon::*;
    let mut seen = std::collections::HashSet::new();
    let words = EN_VALENCE
        .iter()
        .chain(ZH_VALENCE)
        .chain(EN_BOOSTERS)
        .chain(ZH_BOOSTERS)
        .map(|(w, _)| *w)
        .chain(EN_NEGATORS.iter().copied())
        .chain(ZH_NEGATORS.iter().copied())
        .chain(EN_CONTRAST.iter().copied())
        .chain(ZH_CONTRAST.iter().copied())
        .chain(EN_NEUTRAL.iter().copied())
        .chain(ZH_NEUTRAL.iter().copied());
    for w in words {
        assert!(seen.insert(w), "{w:?} is in the lexicon twice");
        assert_eq!(w, w.to_lowercase(), "{w:?}");
        assert!(w.split(' ').count() <= MAX_EN_PHRASE, "{w:?}");
        if w.chars().any(is_han) {
            assert!(
                w.chars().count() <= MAX_ZH_ENTRY && w.chars().all(is_han),
                "{w:?}"
            );
        }
    }
    for (w, v) in EN_VALENCE.iter().chain(ZH_VALENCE) {
        assert!(v.abs() >= 0.5 && v.abs() <= 2.0, "{w:?}: {v}");
    }
    for (w, b) in EN_BOOSTERS.iter().chain(ZH_BOOSTERS) {
        assert!(*b > 0.0 && *b != 1.0 && *b <= 2.0, "{w:?}: {b}");
    }
}

fn score(text: &str) -> f64 {
    sentiment(text).score
}

#[test]
fn negation_cases() {
    assert!(score("good") > 0.0 && score("not good") < 0.0);
    assert!(score("bad") < 0.0 && score("not bad") > 0.0);
    assert!(score("didn't work") < 0.0);
    assert!(score("didn’t work") < 0.0, "curly apostrophe");
    assert!(score("no problems") > 0.0);
    assert!(
        score("never had any issues") > 0.0,
        "negation reaches 3 tokens"
    );
    // Beyond the reach, or across a comma, negation does not apply.
    assert!(score("not that I would say the one thing was good") > 0.0);
    assert!(score("no, good") > 0.0);
    assert!(score("好") > 0.0 && score("不好") < 0.0);
    assert!(score("满意") > 0.0 && score("不满意") < 0.0);
    assert!(score("没问题") > 0.0);
    assert!(score("别担心，没有问题") > 0.0);
    assert!(score("问题没有解决") < 0.0);
    // Longest match: 不错 is one positive word, not 不 + 错.
    assert!(score("不错") > 0.0);
    assert_eq!(sentiment("不错").hits[0].term, "不错");
    // 不过 is "but", not a negator.
    assert!(score("还行不过有点慢") < 0.0);
    // Words that only look like sentiment: 好像 (seems), 好几 (several).
    assert_eq!(sentiment("好像是明天到").label, U);
    assert_eq!(sentiment("打了好几次").label, U);
}

#[test]
fn intensifier_cases() {
    assert!(score("very good") > score("good"));
    assert!(score("really bad") < score("bad"));
    assert!(score("a bit slow") > score("slow") && score("a bit slow") < 0.0);
    assert!(score("非常满意") > score("满意"));
    assert!(score("太慢了") < score("慢"));
    assert!(score("有点慢") > score("慢") && score("有点慢") < 0.0);
    // Negated intensifier softens; intensified negation strengthens.
    assert!(score("不太满意") < 0.0 && score("不太满意") > score("不满意"));
    assert!(score("not very good") < 0.0 && score("not very good") > score("not good"));
    assert!(score("很不满意") < score("不满意"));
    let hits = sentiment("very good").hits;
    assert_eq!(hits.len(), 1);
    assert!((hits[0].weight - 1.5).abs() < 1e-12);
}

#[test]
fn but_clause_cases() {
    // The clause after "but" decides.
    assert_eq!(
        sentiment("The price is fine but the delivery was awful").label,
        N
    );
    assert_eq!(
        sentiment("Delivery was slow but the staff were great").label,
        P
    );
    assert_eq!(sentiment("包装很好，可是里面的东西坏了").label, N);
    assert_eq!(sentiment("价格有点贵，但是质量确实好").label, P);
    // "but also" is not a contrast.
    assert_eq!(
        sentiment("not only fast but also cheap and reliable").label,
        P
    );
    // Weighting: the earlier clause is halved, the later counts 1.5×.
    let s = sentiment("good but bad");
    assert_eq!(s.hits.len(), 2);
    assert!((s.hits[0].weight - 0.5).abs() < 1e-12);
    assert!((s.hits[1].weight + 2.25).abs() < 1e-12);
}

#[test]
fn sentiment_edges() {
    for text in ["", "   ", "12345", "。。。", "😀", "订单号 A-1"] {
        let s = sentiment(text);
        assert_eq!((s.score, s.label), (0.0, U), "{text:?}");
    }
    // Mixed language.
    assert_eq!(sentiment("客服 very helpful，谢谢").label, P);
    // The score stays in (−1, 1) however long the text.
    let long = "terrible ".repeat(10_000);
    let s = sentiment(&long);
    assert!(s.score > -1.0 && s.score < -0.99);
    assert_eq!(
        serde_json::to_value(sentiment("good")).unwrap()["label"],
        "positive"
    );
}

// ---------------------------------------------------------------------------------------------
// Tokenising and keywords
// ---------------------------------------------------------------------------------------------

#[test]
fn tokenize_english_and_chinese() {
    assert_eq!(
        tokenize("The deliveries were LATE and the boxes' corners were crushed!"),
        ["delivery", "late", "box", "corner", "crushed"].map(String::from),
    );
    assert_eq!(
        tokenize("Refunds: refund's status?"),
        ["refund", "refund", "status"]
    );
    assert_eq!(tokenize("我想申请退款"), ["申请", "请退", "退款"]);
    assert_eq!(tokenize("退款"), ["退款"]);
    assert_eq!(tokenize("的"), Vec::<String>::new());
    assert_eq!(tokenize("iPhone屏幕坏了 2024"), ["iphone", "屏幕", "幕坏"]);
    assert!(tokenize("").is_empty());
}

#[test]
fn planted_topic_surfaces_at_the_top() {
    let background_en = [
        "Where is my package? The delivery is late.",
        "Please send the invoice for my last order.",
        "I cannot log in to my account.",
        "The delivery arrived, thank you.",
        "How do I change the shipping address of my order?",
        "My invoice shows the wrong company name.",
        "Password reset email never arrived.",
        "Order arrived on time and well packed.",
    ];
    let background: Vec<String> = (0..200)
        .map(|i| format!("{} (ticket {i})", background_en[i % background_en.len()]))
        .collect();
    let mut recent: Vec<String> = (0..12)
        .map(|i| background_en[i % background_en.len()].to_owned())
        .collect();
    for text in [
        "I want a refund for the broken kettle.",
        "Still waiting for my refund after two weeks.",
        "Refund was promised but never paid.",
        "How long does a refund take?",
        "Please process my refund, the order was cancelled.",
        "Refunds take far too long.",
    ] {
        recent.push(text.to_owned());
    }
    let top = top_keywords(&recent, &background, 5);
    assert_eq!(top[0].term, "refund", "{top:#?}");
    assert_eq!(top[0].documents, 6);
    assert!(top.windows(2).all(|w| w[0].score >= w[1].score));

    let background_zh = [
        "快递怎么还没到",
        "请帮我开一下发票",
        "账号登录不了",
        "收到货了，谢谢",
        "我想修改收货地址",
        "发票抬头写错了",
    ];
    let background: Vec<&str> = (0..120)
        .map(|i| background_zh[i % background_zh.len()])
        .collect();
    let mut recent: Vec<&str> = background_zh.to_vec();
    recent.extend([
        "我要申请退款",
        "退款什么时候到账",
        "商品坏了，请尽快退款",
        "退款申请提交三天了还没处理",
        "为什么退款被拒绝了",
    ]);
    let top = top_keywords(&recent, &background, 5);
    assert_eq!(top[0].term, "退款", "{top:#?}");
    assert_eq!(top[0].documents, 5);
}

#[test]
fn keyword_edges() {
    let none: [&str; 0] = [];
    assert!(top_keywords(&none, &["refund"], 5).is_empty());
    assert!(top_keywords(&["the and of"], &none, 5).is_empty());
    assert!(top_keywords(&["refund"], &none, 0).is_empty());
    // A single recent document: its terms, with no background.
    let top = top_keywords(&["refund refund kettle"], &none, 5);
    assert_eq!(top[0].term, "refund");
    // Deterministic order for ties.
    let a = top_keywords(&["alpha beta", "beta alpha"], &none, 5);
    let terms: Vec<&str> = a.iter().map(|k| k.term.as_str()).collect();
    assert_eq!(terms, ["alpha", "beta"]);
    // With 5+ recent documents a term must appear in 2 of them.
    let recent = [
        "kettle kettle kettle kettle",
        "refund",
        "refund",
        "order",
        "order",
    ];
    let top = top_keywords(&recent, &none, 10);
    assert!(top.iter().all(|k| k.term != "kettle"), "{top:#?}");
}

// ---------------------------------------------------------------------------------------------
// Ticket categories
// ---------------------------------------------------------------------------------------------

fn ticket(subject: &str, body: &str, category: &str) -> CategorisedTicket {
    CategorisedTicket {
        subject: subject.to_owned(),
        body: body.to_owned(),
        category: category.to_owned(),
    }
}

fn training_tickets() -> Vec<CategorisedTicket> {
    let data: &[(&str, &str, &str)] = &[
        (
            "Refund request",
            "I returned the item, please refund my money",
            "billing",
        ),
        (
            "Charged twice",
            "My card was charged twice for one order",
            "billing",
        ),
        (
            "Invoice wrong",
            "The invoice amount is wrong, please correct the invoice",
            "billing",
        ),
        (
            "Payment failed",
            "My payment failed but the money left my account",
            "billing",
        ),
        ("Need a refund", "Refund the shipping fee please", "billing"),
        ("申请退款", "商品已经退回，请尽快退款", "billing"),
        ("重复扣款", "同一个订单被扣款两次", "billing"),
        ("发票金额不对", "发票上的金额有误，请重新开发票", "billing"),
        (
            "Where is my parcel",
            "The delivery is late, tracking shows no update",
            "shipping",
        ),
        (
            "Package not arrived",
            "My package has not arrived after ten days",
            "shipping",
        ),
        (
            "Wrong address",
            "Please change the delivery address for my parcel",
            "shipping",
        ),
        (
            "Tracking number",
            "The tracking number does not work for my delivery",
            "shipping",
        ),
        (
            "Damaged in transit",
            "The parcel arrived damaged by the courier",
            "shipping",
        ),
        (
            "快递还没到",
            "物流信息一直没有更新，快递什么时候到",
            "shipping",
        ),
        ("修改收货地址", "请帮我修改快递的收货地址", "shipping"),
        ("物流太慢", "快递已经十天了还没送到", "shipping"),
        (
            "Cannot log in",
            "I cannot log in to my account, password reset fails",
            "account",
        ),
        (
            "Reset password",
            "The password reset email never arrives",
            "account",
        ),
        (
            "Account locked",
            "My account is locked after too many login attempts",
            "account",
        ),
        (
            "Change email",
            "How do I change the email of my account login",
            "account",
        ),
        ("登录不了", "账号密码正确但是登录不了", "account"),
        ("忘记密码", "重置密码的邮件收不到，账号无法登录", "account"),
        ("账号被锁定", "多次输错密码后账号被锁定了", "account"),
        (
            "Feature idea",
            "It would be nice to export reports",
            "other",
        ),
    ];
    data.iter().map(|(s, b, c)| ticket(s, b, c)).collect()
}

#[test]
fn classifier_predicts_the_right_category_in_both_languages() {
    let model = TicketClassifier::train(&training_tickets()).unwrap();
    assert_eq!(model.categories(), ["account", "billing", "shipping"]);
    assert_eq!(model.skipped_categories(), ["other"]);
    let cases = [
        (
            "Please refund my order",
            "I was charged but want my money back",
            "billing",
        ),
        (
            "Parcel is late",
            "No tracking update for my delivery",
            "shipping",
        ),
        (
            "Login problem",
            "Password reset does not work for my account",
            "account",
        ),
        ("退款问题", "请把钱退到我的账户，退款还没收到", "billing"),
        ("快递问题", "物流一直不更新，快递还没送到", "shipping"),
        ("无法登录", "账号登录的时候提示密码错误", "account"),
    ];
    for (subject, body, want) in cases {
        let p = model.predict(subject, body);
        assert_eq!(p.ranked[0].category, want, "{subject}: {p:#?}");
        assert_eq!(p.suggestion.as_deref(), Some(want), "{subject}: {p:#?}");
        assert!(p.ranked[0].probability >= SUGGEST_THRESHOLD);
        let total: f64 = p.ranked.iter().map(|c| c.probability).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
}

#[test]
fn classifier_holds_back_when_unsure_or_unknown() {
    let model = TicketClassifier::train(&training_tickets()).unwrap();
    let p = model.predict("Hello", "Quick question about something new");
    assert_eq!(p.known_words, 0);
    assert_eq!(p.suggestion, None);
    let note = p
        .note
        .expect("an unknown ticket says why nothing is suggested");
    assert_eq!(note.code, SatisfactionNote::NoKnownWords);
    assert_eq!(
        note.text,
        "none of this ticket's words appear in categorised tickets"
    );
    // A ticket mixing two topics evenly is not confidently either.
    let p = model.predict("", "refund password");
    assert_eq!(p.suggestion, None, "{p:#?}");
    let note = p
        .note
        .expect("an unsure ticket says why nothing is suggested");
    assert!(
        matches!(
            note.code,
            SatisfactionNote::NotConfident { best_percent, needed_percent }
                if best_percent < needed_percent && needed_percent == 70.0
        ),
        "the code carries the probabilities the sentence names: {note:?}"
    );
    assert!(note.text.starts_with("not confident enough"));
    // Deterministic and serialisable.
    let json = serde_json::to_string(&model).unwrap();
    let back: TicketClassifier = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.predict("Refund", "money back"),
        model.predict("Refund", "money back")
    );
}

#[test]
fn classifier_needs_enough_tickets() {
    let few: Vec<CategorisedTicket> = training_tickets().into_iter().take(7).collect();
    let err = TicketClassifier::train(&few).unwrap_err();
    assert_eq!(err, ClassifierError::TooFewTickets { have: 7, need: 20 });
    assert_eq!(
        err.to_string(),
        "only 7 categorised tickets; category suggestions need at least 20"
    );
    // Uncategorised tickets do not count.
    let mut blank = training_tickets();
    for t in blank.iter_mut().skip(5) {
        t.category = "  ".to_owned();
    }
    assert_eq!(
        TicketClassifier::train(&blank).unwrap_err(),
        ClassifierError::TooFewTickets { have: 5, need: 20 }
    );
    // Enough tickets, but all in one category (plus singletons).
    let mut one: Vec<CategorisedTicket> = training_tickets()
        .into_iter()
        .map(|t| CategorisedTicket {
            category: "general".to_owned(),
            ..t
        })
        .collect();
    one.push(ticket("x", "y", "rare"));
    let err = TicketClassifier::train(&one).unwrap_err();
    assert_eq!(
        err.to_string(),
        "category suggestions need at least 2 categories with at least 3 tickets each; 1 has \
         enough"
    );
    assert!(TicketClassifier::train(&[]).is_err());
}
