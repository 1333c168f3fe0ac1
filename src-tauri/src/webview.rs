//! How the window's webview draws. WebKitGTK composites a page with OpenGL; on a computer with
//! no GPU (no DRM render node: a virtual machine, a remote desktop, a container, a headless
//! test display) that OpenGL is the CPU's software rasteriser, and every frame of the window
//! pays for it: the first screen took 200 to 400 ms longer to paint under Xvfb than with the
//! page drawn directly. There the webview draws without hardware acceleration; with a GPU it
//! keeps WebKit's default. A user's own `WEBKIT_DISABLE_COMPOSITING_MODE` is WebKit's to read
//! and is left alone. `KITH_WEBVIEW_DRAWING=webkit` keeps WebKit's default everywhere: the
//! end-to-end runs set it, because without acceleration WebKit's snapshots (what a WebDriver
//! screenshot takes) at times never come back.

use std::path::Path;

/// Where Linux lists the GPUs' render nodes (`renderD128`, …).
const DRI: &str = "/dev/dri";

/// Whether the computer has a GPU to render with: a `renderD*` node in `dir`.
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Draws the window's page without hardware acceleration when this computer has no GPU.
/// Called as the window is made, before its page paints its first frame.
#[cfg(target_os = "linux")]
pub fn fit_to_gpu(window: &tauri::WebviewWindow) {
    let webkit_chooses = std::env::var_os("KITH_WEBVIEW_DRAWING").is_some_and(|v| v == "webkit");
    if webkit_chooses || has_render_node(Path::new(DRI)) {
        return;
    }
    let done = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = done {
        eprintln!("kith: could not set how the window draws: {e}");
    }
}

/// Other systems' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn fit_to_gpu(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()), "an empty /dev/dri: no GPU");
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a display card alone renders nothing"
        );
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()), "a render node: a GPU");
        assert!(
            !has_render_node(&dir.path().join("missing")),
            "no /dev/dri at all: no GPU"
        );
    }
}
