//! How the window's webview draws. WebKitGTK composites a page with OpenGL; on a computer with
//! no GPU (no DRM render node: a virtual machine, a remote desktop, a container, a headless
//! test display) that OpenGL is the CPU's software rasteriser, and every frame of the window
//! pays for it: the first screen took 200 to 400 ms longer to paint under Xvfb than with the
//! page drawn directly. There the webview draws without compositing: the first thing the
//! program does, while it is still one thread, is set `WEBKIT_DISABLE_COMPOSITING_MODE=1` with
//! GLib's `g_setenv` (the way a GTK program sets its environment; WebKit reads the variable
//! when it starts, and its web process inherits it), and the window's hardware acceleration
//! policy is Never besides. (Until now the program started itself again with the variable set:
//! that cost a second load of the program and its libraries, about 100 ms of every start.) With a GPU it keeps WebKit's default, as it
//! does with the user's own `WEBKIT_DISABLE_COMPOSITING_MODE`. `KITH_WEBVIEW_DRAWING=webkit`
//! keeps WebKit's default everywhere: the end-to-end runs set it, because without acceleration
//! WebKit's snapshots (what a WebDriver screenshot takes) at times never come back.

use std::ffi::OsStr;
use std::path::Path;

/// The variable WebKit reads, in the web process too, to draw pages without compositing.
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

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

/// Whether to switch compositing off: no GPU, WebKit's drawing not asked for (`drawing`,
/// `KITH_WEBVIEW_DRAWING`), and compositing not already decided (`compositing`, the variable
/// as the user set it).
pub fn needs_no_compositing(
    drawing: Option<&OsStr>,
    compositing: Option<&OsStr>,
    dri: &Path,
) -> bool {
    drawing.is_none_or(|v| v != "webkit") && compositing.is_none() && !has_render_node(dri)
}

/// On a computer with no GPU, sets `WEBKIT_DISABLE_COMPOSITING_MODE=1` for this process and
/// the webview's. Call it first of all, while the program is one thread: a variable set while
/// another thread reads the environment is a race (GLib's own warning about `g_setenv`).
#[cfg(target_os = "linux")]
pub fn draw_without_compositing() {
    let drawing = std::env::var_os("KITH_WEBVIEW_DRAWING");
    let compositing = std::env::var_os(NO_COMPOSITING);
    if !needs_no_compositing(drawing.as_deref(), compositing.as_deref(), Path::new(DRI)) {
        return;
    }
    if let Err(e) = webkit2gtk::glib::setenv(NO_COMPOSITING, "1", false) {
        eprintln!("kith: could not switch WebKit's compositing off: {e}");
    }
}

/// Other systems' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn draw_without_compositing() {}

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

    #[test]
    fn compositing_is_switched_off_only_without_a_gpu_and_unless_decided() {
        let none = tempfile::tempdir().unwrap();
        let gpu = tempfile::tempdir().unwrap();
        std::fs::write(gpu.path().join("renderD128"), "").unwrap();
        let one = Some(OsStr::new("1"));
        assert!(
            needs_no_compositing(None, None, none.path()),
            "no GPU: compositing off"
        );
        assert!(
            !needs_no_compositing(None, None, gpu.path()),
            "a GPU composites"
        );
        assert!(
            !needs_no_compositing(None, one, none.path()),
            "the user's own choice stands"
        );
        assert!(
            !needs_no_compositing(Some(OsStr::new("webkit")), None, none.path()),
            "WebKit's own drawing asked for (the end-to-end runs)"
        );
        assert!(needs_no_compositing(
            Some(OsStr::new("other")),
            None,
            none.path()
        ));
    }
}
