//! Products, job titles and the texts of notes, deals, activities, tickets, campaigns and feedback,
//! in each language.

use super::*;

pub(super) struct Product {
    pub(super) name: &'static str,
    pub(super) sku: &'static str,
    /// Price in cents (USD).
    pub(super) price: i64,
    pub(super) category: &'static str,
    pub(super) description: &'static str,
}

pub(super) const fn product(
    name: &'static str,
    sku: &'static str,
    price: i64,
    category: &'static str,
    description: &'static str,
) -> Product {
    Product {
        name,
        sku,
        price,
        category,
        description,
    }
}

/// The catalogue, most popular first.
#[rustfmt::skip]
pub(super) static PRODUCTS: &[Product] = &[
    product("龙井绿茶 West Lake Longjing 250g", "TEA-LJ-250", 3800, "Tea",
            "Pre-Qingming green tea from Hangzhou, pan-fired by hand."),
    product("Wireless Earbuds Pro", "ELE-EAR-PRO", 8900, "Electronics",
            "Active noise cancelling, 30 h battery with the case."),
    product("铁观音 Tieguanyin Oolong 200g", "TEA-TGY-200", 2950, "Tea",
            "Lightly roasted oolong from Anxi, Fujian."),
    product("USB-C Charger 65W", "ELE-CHG-65", 3500, "Electronics",
            "GaN charger with two USB-C ports and one USB-A."),
    product("Jasmine Silver Needle 100g", "TEA-JSN-100", 2490, "Tea",
            "White tea buds scented seven times with fresh jasmine."),
    product("Power Bank 20000mAh", "ELE-PB-20K", 3900, "Electronics",
            "Fast-charging power bank with a display."),
    product("普洱茶饼 Aged Pu-erh Cake 357g", "TEA-PE-357", 6400, "Tea",
            "Ripe pu-erh pressed in 2016, Menghai."),
    product("Keemun Black Tea 200g", "TEA-KM-200", 1980, "Tea",
            "Classic Anhui black tea with a hint of smoke."),
    product("Bluetooth Speaker Mini", "ELE-SPK-MINI", 4500, "Electronics",
            "Waterproof pocket speaker, 12 h playback."),
    product("Matcha Uji Premium 30g", "TEA-MT-030", 3200, "Tea",
            "Ceremonial-grade matcha from Uji, Kyoto."),
    product("Earl Grey Loose Leaf 250g", "TEA-EG-250", 1450, "Tea",
            "Ceylon black tea with natural bergamot oil."),
    product("Celadon Tea Cup Set (6)", "TW-CUP-6", 5800, "Teaware",
            "Six hand-glazed celadon cups from Longquan."),
    product("Smart Watch S2", "ELE-SW-S2", 14900, "Electronics",
            "Heart rate, GPS and a 7-day battery."),
    product("Glass Gongfu Tea Set", "TW-GF-GLS", 4600, "Teaware",
            "Heat-resistant glass gaiwan, pitcher and four cups."),
    product("Tea Gift Box Deluxe", "GFT-TEA-DLX", 8800, "Gifts",
            "Four teas in a lacquered gift box — a favourite for festivals."),
    product("Mechanical Keyboard K8", "ELE-KB-K8", 9900, "Electronics",
            "Hot-swappable switches, Bluetooth and USB-C."),
    product("Yixing Clay Teapot", "TW-YX-200", 12000, "Teaware",
            "Zisha clay teapot, 200 ml, handmade in Yixing."),
    product("Electric Kettle 1.7L", "HOME-KTL-17", 4999, "Home",
            "Variable temperature kettle for green, white and black teas."),
    product("Chamomile Herbal Infusion 100g", "TEA-CH-100", 990, "Tea",
            "Whole chamomile flowers, caffeine free."),
    product("4K Webcam", "ELE-CAM-4K", 7900, "Electronics",
            "4K webcam with autofocus and a privacy shutter."),
    product("Noise-Cancelling Headphones", "ELE-HP-NC", 21900, "Electronics",
            "Over-ear headphones with adaptive noise cancelling."),
    product("Portable SSD 1TB", "ELE-SSD-1T", 10900, "Electronics",
            "USB-C portable SSD, 1,050 MB/s."),
    product("Bamboo Tea Tray", "TW-TRAY-BMB", 7200, "Teaware",
            "Bamboo tray with a drainage drawer."),
    product("Leather Notebook A5", "OFF-NB-A5", 2400, "Office",
            "Refillable A5 notebook in vegetable-tanned leather."),
    product("Fountain Pen Classic", "OFF-PEN-CL", 6500, "Office",
            "Steel nib fountain pen with a converter."),
    product("Desk Organizer Bamboo", "OFF-ORG-BMB", 2900, "Office",
            "Five-compartment bamboo desk organizer."),
    product("Silk Scarf", "GFT-SCF-SLK", 5500, "Gifts",
            "Mulberry silk scarf from Suzhou, 90 × 90 cm."),
    product("Ceramic Vase", "GFT-VAS-CER", 4200, "Gifts",
            "Jingdezhen porcelain vase, blue and white."),
    product("Installation Service", "SVC-INSTALL", 15000, "Services",
            "On-site installation and setup."),
    product("Annual Maintenance Plan", "SVC-MAINT-1Y", 29900, "Services",
            "One year of maintenance and priority support."),
];

/// Job titles in each language.
pub(super) const JOB_TITLES: [&[&str]; 6] = [
    &[
        "CEO",
        "Founder",
        "Sales Manager",
        "Purchasing Manager",
        "Operations Director",
        "Office Manager",
        "Marketing Lead",
        "Account Executive",
        "Procurement Specialist",
        "CFO",
        "Buyer",
        "Store Manager",
    ],
    &[
        "总经理",
        "销售经理",
        "采购经理",
        "市场总监",
        "财务主管",
        "运营经理",
        "行政助理",
        "技术总监",
        "采购专员",
        "店长",
    ],
    &[
        "Geschäftsführer",
        "Vertriebsleiter",
        "Einkaufsleiterin",
        "Marketingleiter",
        "Buchhalterin",
        "Projektmanager",
        "Einkäufer",
        "Prokurist",
    ],
    &[
        "Directeur général",
        "Responsable des achats",
        "Directrice commerciale",
        "Chef de projet",
        "Comptable",
        "Responsable marketing",
        "Gérant",
    ],
    &[
        "Director general",
        "Jefe de compras",
        "Directora comercial",
        "Gerente de ventas",
        "Responsable de logística",
        "Contable",
    ],
    &[
        "代表取締役",
        "営業部長",
        "購買課長",
        "マーケティング担当",
        "総務部",
        "経理担当",
        "店長",
        "技術部長",
    ],
];

/// Short notes on a contact, in each language.
pub(super) const CONTACT_NOTES: [&[&str]; 6] = [
    &[
        "Prefers email over phone.",
        "Met at the spring trade fair.",
        "Asks for samples before every large order.",
        "Only available in the mornings.",
    ],
    &[
        "喜欢绿茶，每季度采购一次。",
        "展会上认识的，对新品很感兴趣。",
        "请用微信联系，不常看邮件。",
        "春节前需要礼盒报价。",
    ],
    &[
        "Bevorzugt Kontakt per E-Mail.",
        "Auf der Messe in Frankfurt kennengelernt.",
    ],
    &[
        "Préfère être contacté par e-mail.",
        "Rencontré au salon de Paris.",
    ],
    &[
        "Prefiere el contacto por correo.",
        "Conocido en la feria de Madrid.",
    ],
    &["メールでの連絡を希望。", "展示会で名刺交換。"],
];

pub(super) const DEAL_TITLES: [&[&str]; 6] = [
    &[
        "Annual supply contract",
        "Pilot order",
        "Quarterly restock",
        "Corporate gifts",
        "Office equipment upgrade",
        "Wholesale tea program",
        "Service renewal",
    ],
    &[
        "年度采购合同",
        "试销订单",
        "季度补货",
        "企业礼品定制",
        "办公设备升级",
        "茶叶批发合作",
        "服务续约",
    ],
    &[
        "Rahmenvertrag",
        "Pilotbestellung",
        "Nachbestellung",
        "Firmengeschenke",
        "Büroausstattung",
    ],
    &[
        "Contrat annuel",
        "Commande pilote",
        "Réassort trimestriel",
        "Cadeaux d'entreprise",
        "Renouvellement du service",
    ],
    &[
        "Contrato anual de suministro",
        "Pedido piloto",
        "Reposición trimestral",
        "Regalos corporativos",
        "Renovación del servicio",
    ],
    &[
        "年間供給契約",
        "試験発注",
        "四半期補充",
        "法人ギフト",
        "保守契約更新",
    ],
];

/// The deal sources the demo draws from (the deal kind's `source` choice also has `other`).
pub(super) const DEAL_SOURCES: [&str; 5] =
    ["inbound", "outbound", "referral", "campaign", "partner"];

pub(super) const LOST_REASONS: &[&str] = &[
    "Price too high",
    "Chose a competitor",
    "No budget",
    "Bad timing",
    "No response",
    "Product not a fit",
];

pub(super) const ACTIVITY_KINDS: [&str; 5] = ["call", "email", "meeting", "note", "task"];

/// Activity subjects by kind (as in [`ACTIVITY_KINDS`]) and language.
pub(super) const ACTIVITY_SUBJECTS: [[&[&str]; 6]; 5] = [
    [
        &[
            "Intro call",
            "Follow-up call about the quote",
            "Call about delivery dates",
            "Check-in call",
        ],
        &["初次电话沟通", "电话沟通报价", "确认发货时间", "回访客户"],
        &["Erstgespräch", "Rückruf wegen Angebot"],
        &["Appel de découverte", "Relance téléphonique du devis"],
        &["Llamada inicial", "Seguimiento del presupuesto"],
        &["初回電話", "見積もりの確認電話"],
    ],
    [
        &[
            "Sent price list",
            "Sent quote",
            "Shared the catalogue",
            "Thank-you email",
        ],
        &["发送价格表", "发送报价单", "发送产品目录", "感谢邮件"],
        &["Preisliste gesendet", "Angebot verschickt"],
        &["Envoi de la grille tarifaire", "Devis envoyé"],
        &["Enviada la lista de precios", "Presupuesto enviado"],
        &["価格表を送付", "見積書を送付"],
    ],
    [
        &[
            "Product demo",
            "Quarterly review",
            "Site visit",
            "Lunch meeting",
        ],
        &["产品演示", "季度业务回顾", "实地拜访", "商务午餐"],
        &["Produktvorführung", "Quartalsgespräch"],
        &["Démonstration produit", "Revue trimestrielle"],
        &["Demostración de producto", "Reunión trimestral"],
        &["製品デモ", "四半期レビュー"],
    ],
    [
        &[
            "Prefers green tea samples",
            "Budget approved for next quarter",
            "Decision maker is the CFO",
            "Interested in the wholesale program",
        ],
        &[
            "偏好绿茶样品",
            "下季度预算已批准",
            "决策人是财务总监",
            "对批发计划感兴趣",
        ],
        &[
            "Budget für nächstes Quartal genehmigt",
            "Interesse am Großhandel",
        ],
        &[
            "Budget validé pour le prochain trimestre",
            "Intéressé par le programme de gros",
        ],
        &[
            "Presupuesto aprobado para el próximo trimestre",
            "Interesado en venta al por mayor",
        ],
        &["来期の予算が承認済み", "卸売プログラムに関心あり"],
    ],
    [
        &[
            "Send samples",
            "Prepare proposal",
            "Schedule demo",
            "Follow up on invoice",
        ],
        &["寄送样品", "准备方案", "安排演示", "跟进发票"],
        &["Muster verschicken", "Angebot vorbereiten"],
        &["Envoyer des échantillons", "Préparer la proposition"],
        &["Enviar muestras", "Preparar la propuesta"],
        &["サンプルを送る", "提案書を準備"],
    ],
];

/// A note's body: the subject, then a sentence naming a product.
/// A note's body names one of the products (the better sellers more often).
pub(super) fn note_about_product(
    rng: &mut Rng,
    input: &mut Input,
    kind: usize,
    lang: Lang,
    subject: &str,
) {
    if ACTIVITY_KINDS[kind] == "note" {
        let product = PRODUCTS[rng.skewed(PRODUCTS.len(), 1.5)].name;
        put(input, "body", note_body(lang, subject, product));
    }
}

pub(super) fn note_body(lang: Lang, subject: &str, product: &str) -> String {
    match lang {
        Lang::Zh => format!("{subject}。提到了{product}，询问批量折扣。"),
        Lang::De => format!("{subject}. Fragte nach {product} und Mengenrabatt."),
        Lang::Fr => format!("{subject}. A demandé {product} et une remise sur volume."),
        Lang::Es => format!("{subject}. Preguntó por {product} y descuentos por volumen."),
        Lang::Ja => format!("{subject}。{product}について数量割引の問い合わせあり。"),
        Lang::En => format!("{subject}. Mentioned {product} and asked about volume discounts."),
    }
}

pub(super) const TICKET_CATEGORIES: [&str; 6] = [
    "billing",
    "shipping",
    "product defect",
    "account",
    "returns",
    "technical",
];

/// Ticket subjects by category (as in [`TICKET_CATEGORIES`]) and language.
pub(super) const TICKET_SUBJECTS: [[&[&str]; 6]; 6] = [
    [
        &[
            "Charged twice for my order",
            "Invoice shows the wrong amount",
            "Need a VAT invoice",
        ],
        &["订单被重复扣款", "发票金额不对", "需要开增值税发票"],
        &["Doppelte Abbuchung", "Rechnung mit falschem Betrag"],
        &["Débité deux fois", "Facture incorrecte"],
        &["Cobro duplicado", "Factura con importe incorrecto"],
        &["二重請求されました", "請求書の金額が違う"],
    ],
    [
        &[
            "Package hasn't arrived",
            "Tracking number not working",
            "Delivery was late",
        ],
        &["快递一直没到", "物流单号查不到", "发货太慢了"],
        &[
            "Paket nicht angekommen",
            "Sendungsverfolgung funktioniert nicht",
        ],
        &["Colis non reçu", "Numéro de suivi invalide"],
        &[
            "El paquete no ha llegado",
            "El número de seguimiento no funciona",
        ],
        &["荷物が届かない", "追跡番号が無効"],
    ],
    [
        &[
            "Item arrived broken",
            "Product stopped working",
            "Missing parts in the box",
        ],
        &["收到的商品破损", "产品用了几天就坏了", "包装里少了配件"],
        &[
            "Ware beschädigt angekommen",
            "Gerät funktioniert nicht mehr",
        ],
        &["Article arrivé cassé", "Le produit ne fonctionne plus"],
        &["El artículo llegó roto", "El producto dejó de funcionar"],
        &["商品が破損していた", "製品が動かなくなった"],
    ],
    [
        &[
            "Can't log in to my account",
            "Please update my email address",
            "Reset my password",
        ],
        &["账号登录不上", "请帮我修改邮箱", "忘记密码"],
        &["Kann mich nicht anmelden", "Bitte E-Mail-Adresse ändern"],
        &["Impossible de me connecter", "Changer mon adresse e-mail"],
        &["No puedo iniciar sesión", "Cambiar mi correo electrónico"],
        &["ログインできない", "メールアドレスを変更したい"],
    ],
    [
        &[
            "How do I return an item?",
            "Refund not received yet",
            "Exchange for a different colour",
        ],
        &["怎么申请退货？", "退款还没到账", "想换一个颜色"],
        &[
            "Wie kann ich zurücksenden?",
            "Erstattung noch nicht erhalten",
        ],
        &["Comment retourner un article ?", "Remboursement non reçu"],
        &["¿Cómo devuelvo un artículo?", "No he recibido el reembolso"],
        &["返品の方法を知りたい", "返金がまだ届かない"],
    ],
    [
        &[
            "Bluetooth won't pair",
            "Firmware update failed",
            "Charger overheats",
        ],
        &["蓝牙连接不上", "固件升级失败", "充电器发烫"],
        &[
            "Bluetooth-Kopplung klappt nicht",
            "Firmware-Update fehlgeschlagen",
        ],
        &["Le Bluetooth ne s'appaire pas", "Échec de la mise à jour"],
        &["El Bluetooth no se empareja", "Falló la actualización"],
        &["Bluetoothが接続できない", "ファームウェア更新に失敗"],
    ],
];

pub(super) fn ticket_description(lang: Lang, subject: &str, order: Option<&str>) -> String {
    let order = order.unwrap_or_default();
    match (lang, order.is_empty()) {
        (Lang::Zh, false) => format!("客户反馈：{subject}。订单号 {order}。"),
        (Lang::Zh, true) => format!("客户反馈：{subject}。"),
        (_, false) => format!("Customer reports: {subject}. Order {order}."),
        (_, true) => format!("Customer reports: {subject}."),
    }
}

pub(super) fn follow_up_prefix(lang: Lang) -> &'static str {
    lang.of([
        "Follow-up: ",
        "跟进：",
        "Nachfassen: ",
        "Suivi : ",
        "Seguimiento: ",
        "フォローアップ：",
    ])
}

/// Campaign names (`{Y}` is the year) with their channel.
pub(super) const CAMPAIGNS: &[(&str, &str)] = &[
    ("Spring Tea Festival {Y}", "email"),
    ("Black Friday {Y}", "ads"),
    ("双十一大促 {Y}", "social"),
    ("春节礼盒 {Y}", "email"),
    ("Trade Fair Frankfurt {Y}", "event"),
    ("Salon du Thé Paris {Y}", "event"),
    ("Webinar: Smart Office {Y}", "email"),
    ("Back to School {Y}", "ads"),
    ("中秋节礼品 {Y}", "direct_mail"),
    ("Summer Sale {Y}", "email"),
    ("Customer Appreciation Day {Y}", "phone"),
    ("お中元キャンペーン {Y}", "direct_mail"),
    ("Feria de Madrid {Y}", "event"),
    ("Newsletter {Y}", "email"),
];

pub(super) const CAMPAIGN_RESPONSES: [&[&str]; 6] = [
    &[
        "Interested, please send a quote.",
        "Can you call me next week?",
        "Please send the catalogue.",
        "Not now, maybe next quarter.",
    ],
    &[
        "请发一下价格表。",
        "有兴趣，下周电话联系。",
        "请寄一份样品。",
        "暂时不需要，谢谢。",
    ],
    &[
        "Bitte rufen Sie mich an.",
        "Bitte senden Sie mir ein Angebot.",
    ],
    &[
        "Merci de m'envoyer un devis.",
        "Rappelez-moi la semaine prochaine.",
    ],
    &[
        "Envíenme un presupuesto, por favor.",
        "Llámenme la próxima semana.",
    ],
    &["見積もりをお願いします。", "来週お電話ください。"],
];

/// Feedback comments by language (English, Chinese) and sentiment (negative, neutral,
/// positive), so on-device sentiment analysis has something to find.
pub(super) const FEEDBACK_COMMENTS: [[&[&str]; 3]; 2] = [
    [
        &[
            "Terrible experience, the package arrived damaged.",
            "Very disappointed, the product stopped working after a week.",
            "Support never answered my emails.",
            "Overpriced and poor quality.",
            "Delivery took three weeks, unacceptable.",
            "The tea tasted stale.",
        ],
        &[
            "It's okay, delivery was a bit slow.",
            "Average quality for the price.",
            "Fine, but the packaging could be better.",
            "Does the job.",
        ],
        &[
            "Great quality, fast delivery!",
            "Excellent service, will order again.",
            "The tea is fresh and fragrant. Love it.",
            "Very helpful support team.",
            "Works perfectly, highly recommend.",
            "Beautiful packaging, a perfect gift.",
        ],
    ],
    [
        &[
            "质量太差了，用了一周就坏了。",
            "物流太慢，等了半个月才到。",
            "客服态度很差，问题一直没解决。",
            "收到的商品有破损，非常失望。",
            "价格太贵，不值这个价。",
            "茶叶不新鲜，味道很差。",
        ],
        &[
            "还行，就是发货有点慢。",
            "一般般，和描述差不多。",
            "包装可以再好一点。",
            "中规中矩。",
        ],
        &[
            "质量很好，物流很快，非常满意！",
            "茶叶很新鲜，香气浓郁，会回购。",
            "客服态度很好，耐心解答问题。",
            "包装精美，送人很有面子。",
            "性价比高，推荐购买。",
            "老客户了，一直很放心。",
        ],
    ],
];
