//! Dashboard charts saved as files: SVG or PNG by the extension, anything else refused.

use kith::analytics::dashboard::ChartOptions;
use kith::export::{ChartFormat, export_chart};
use kith::{Error, ErrorCode};

use crate::Fixture;

#[test]
fn a_chart_is_saved_as_svg_or_png_by_its_extension() {
    let mut f = Fixture::new();
    let opts = ChartOptions::default();

    let svg = f.dir.path().join("revenue.svg");
    let done = export_chart(&mut f.store, "revenue", &svg, &opts).unwrap();
    assert_eq!(done.format, ChartFormat::Svg);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("<svg"),
        "an .svg file holds the chart's SVG, even with no orders yet"
    );
    assert_eq!(
        done.bytes,
        text.len() as u64,
        "the size reported is the file's"
    );

    let png = f.dir.path().join("Funnel.PNG");
    let done = export_chart(&mut f.store, "funnel", &png, &opts).unwrap();
    assert_eq!(
        done.format,
        ChartFormat::Png,
        "the extension is read in any case"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "a .png file is a PNG image"
    );
}

#[test]
fn other_extensions_and_unknown_charts_are_refused_without_writing() {
    let mut f = Fixture::new();
    let opts = ChartOptions::default();
    let txt = f.dir.path().join("revenue.txt");
    let err = export_chart(&mut f.store, "revenue", &txt, &opts).unwrap_err();
    assert_eq!(err.report().code, ErrorCode::Validation);
    assert!(
        err.to_string().contains(".svg or .png"),
        "the refusal says which formats there are: {err}"
    );
    assert!(!txt.exists(), "nothing is written for a refused format");

    let svg = f.dir.path().join("nope.svg");
    let err = export_chart(&mut f.store, "nope", &svg, &opts).unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(!svg.exists(), "nothing is written for an unknown chart");
}
