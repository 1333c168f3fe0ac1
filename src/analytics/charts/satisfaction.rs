//! The satisfaction panels.

use super::*;

pub(super) fn draw_satisfaction(
    area: &Area,
    axis: &MonthAxis,
    csat: &[(usize, f64)],
    nps: &[(usize, f64)],
) -> Result<(), ChartError> {
    let lang = axis.lang;
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically(h.saturating_sub(22) / 2);
    // The 1–5 rating scale; averages outside it (not Kith's scale) widen the axis to fit.
    let csat_lo = csat.iter().map(|p| p.1).fold(1.0, f64::min);
    let csat_hi = csat.iter().map(|p| p.1).fold(5.0, f64::max);
    let csat_ticks = if csat_lo >= 1.0 && csat_hi <= 5.0 {
        Ticks {
            lo: 1.0,
            hi: 5.0,
            step: 1.0,
            values: vec![1.0, 2.0, 3.0, 4.0, 5.0],
        }
    } else {
        nice_ticks(csat_lo, csat_hi, 4, false)
    };
    let nps_ticks = Ticks {
        lo: -100.0,
        hi: 100.0,
        step: 50.0,
        values: vec![-100.0, -50.0, 0.0, 50.0, 100.0],
    };
    let csat_fmt = |v: f64| compact(v, Some(csat_ticks.step), lang);
    let nps_fmt = |v: f64| {
        if v > 0.0 {
            format!("+{v}")
        } else {
            compact(v, Some(50.0), lang)
        }
    };
    // Both panels get the same y-label width so that their plots line up.
    let label_w = csat_ticks
        .values
        .iter()
        .map(|v| csat_fmt(*v))
        .chain(nps_ticks.values.iter().map(|v| nps_fmt(*v)))
        .map(|s| text_width(&s, LABEL_PX))
        .fold(0.0, f64::max);
    let (w, _) = area.dim_in_pixel();
    let plot_w = f64::from(w) - label_w - 14.0 - 2.0 * f64::from(PAD);
    let xs = axis.label_positions(plot_w);
    let x_range = || Keyed::new(-0.5, axis.len as f64 - 0.5, xs.clone());
    let no_x = |_: &f64| String::new();
    let xfmt = axis.formatter(&xs);
    /// One of the two panels.
    struct Panel<'p, 'b> {
        area: &'p Area<'b>,
        name: String,
        points: &'p [(usize, f64)],
        ticks: &'p Ticks,
        fmt: &'p dyn Fn(f64) -> String,
        color: RGBColor,
        is_nps: bool,
    }
    let panels = [
        Panel {
            area: &top,
            name: lang.say(Msg::Csat),
            points: csat,
            ticks: &csat_ticks,
            fmt: &csat_fmt,
            color: BLUE,
            is_nps: false,
        },
        Panel {
            area: &bottom,
            name: lang.say(Msg::Nps),
            points: nps,
            ticks: &nps_ticks,
            fmt: &nps_fmt,
            color: TEAL,
            is_nps: true,
        },
    ];
    // The bottom panel (NPS) carries the month labels.
    for Panel {
        area: panel,
        name,
        points,
        ticks,
        fmt,
        color,
        is_nps,
    } in panels
    {
        text(
            panel,
            &name,
            (PAD + 2, 12),
            LABEL_PX,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
        let yfmt = |v: &f64| fmt(*v);
        let xf: &dyn Fn(&f64) -> String = if is_nps { &xfmt } else { &no_x };
        let chart = xy_plot(panel, x_range(), ticks, xf, &yfmt, label_w, None, 30)?;
        if ticks.lo < 0.0 {
            draw_zero_line(&chart, ticks.lo)?;
        }
        if points.is_empty() {
            plot_note(&chart, &lang.say(Msg::NoAnswers))?;
            continue;
        }
        draw_line(&chart, points, color)?;
        if let Some(&(i, v)) = points.last() {
            let label = if is_nps {
                nps_fmt(v.round())
            } else {
                compact(v, Some(0.1), lang)
            };
            let st = text_style(LABEL_PX, color, HPos::Center, VPos::Bottom);
            chart
                .plotting_area()
                .draw(&(EmptyElement::at((i as f64, v)) + Text::new(label, (0, -6), st)))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}
