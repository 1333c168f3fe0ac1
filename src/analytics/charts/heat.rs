//! The R×F heat map.

use super::*;

pub(super) fn heat_color(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (a, b, u) = if t < 0.5 {
        (HEAT[0], HEAT[1], t * 2.0)
    } else {
        (HEAT[1], HEAT[2], t * 2.0 - 1.0)
    };
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * u).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

pub(super) fn draw_heatmap(
    area: &Area,
    grid: &[[u64; 5]; 5],
    max: u64,
    lang: Language,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let (left, bottom, legend_w) = (44, 44, 64);
    let cell = ((w - left - legend_w - 2 * PAD) / 5)
        .min((h - bottom - 2 * PAD) / 5)
        .max(8);
    let grid_w = cell * 5;
    let gx = left + PAD + ((w - left - legend_w - 2 * PAD - grid_w) / 2).max(0);
    let gy = PAD;
    let scale = |n: u64| (n as f64 / max as f64).sqrt();
    for (r, column) in grid.iter().enumerate() {
        for (f, &n) in column.iter().enumerate() {
            let x = gx + r as i32 * cell;
            let y = gy + (4 - f as i32) * cell;
            let t = scale(n);
            let fill = if n == 0 {
                RGBColor(0xF7, 0xF8, 0xFA)
            } else {
                heat_color(t)
            };
            area.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + cell - 1, y + cell - 1)],
                fill.filled(),
            ))
            .map_err(draw_err)?;
            let ink = if n == 0 {
                FAINT
            } else if t > 0.55 {
                BACKGROUND
            } else {
                INK
            };
            let label = if cell >= 44 {
                count_text(n, lang)
            } else {
                compact(n as f64, None, lang)
            };
            let label = truncate(&label, f64::from(cell - 4), LABEL_PX);
            text(
                area,
                &label,
                (x + cell / 2, y + cell / 2),
                LABEL_PX,
                ink,
                HPos::Center,
                VPos::Center,
            )?;
        }
    }
    // Score ticks and axis names.
    for k in 0..5 {
        let s = (k + 1).to_string();
        text(
            area,
            &s,
            (gx + k * cell + cell / 2, gy + grid_w + 10),
            LABEL_PX,
            MUTED,
            HPos::Center,
            VPos::Center,
        )?;
        text(
            area,
            &s,
            (gx - 10, gy + (4 - k) * cell + cell / 2),
            LABEL_PX,
            MUTED,
            HPos::Right,
            VPos::Center,
        )?;
    }
    let x_name = first_fit(
        &[
            lang.say(Msg::RecencyLong),
            lang.say(Msg::RecencyShort),
            "R".into(),
        ],
        f64::from(grid_w + 40),
    );
    text(
        area,
        &x_name,
        (gx + grid_w / 2, gy + grid_w + 30),
        LABEL_PX,
        INK,
        HPos::Center,
        VPos::Center,
    )?;
    let y_name = first_fit(
        &[
            lang.say(Msg::FrequencyLong),
            lang.say(Msg::FrequencyShort),
            "F".into(),
        ],
        f64::from(grid_w),
    );
    let rotated = font(LABEL_PX, false)
        .transform(FontTransform::Rotate270)
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(&y_name, &rotated, (gx - 32, gy + grid_w / 2))
        .map_err(draw_err)?;
    // Colour scale: dark (max) at the top to light (0) at the bottom.
    let lx = gx + grid_w + 20;
    let steps = 24;
    let bar_h = grid_w - 20;
    for s in 0..steps {
        let t = 1.0 - s as f64 / (steps - 1) as f64;
        let y0 = gy + 10 + bar_h * s / steps;
        let y1 = gy + 10 + bar_h * (s + 1) / steps;
        area.draw(&Rectangle::new(
            [(lx, y0), (lx + 12, y1)],
            heat_color(t).filled(),
        ))
        .map_err(draw_err)?;
    }
    text(
        area,
        &compact(max as f64, None, lang),
        (lx + 18, gy + 10),
        LABEL_PX,
        MUTED,
        HPos::Left,
        VPos::Center,
    )?;
    text(
        area,
        "0",
        (lx + 18, gy + 10 + bar_h),
        LABEL_PX,
        MUTED,
        HPos::Left,
        VPos::Center,
    )?;
    Ok(())
}
