//! How the window's webview draws. WebKitGTK composites a page with OpenGL; on a computer with
//! no GPU (no DRM render node: a virtual machine, a remote desktop, a container, a headless
//! test display) that OpenGL is the CPU's software rasteriser, and every frame of the window
//! pays for it: the first screen took 200 to 400 ms longer to paint under Xvfb than with the
//! page drawn directly. There the webview draws without compositing: the program starts again
//! at once with `WEBKIT_DISABLE_COMPOSITING_MODE=1`, which WebKit's own processes inherit
//! (setting a variable inside a running program is not safe Rust), and the window's hardware
//! acceleration policy is Never should that fail. With a GPU it keeps WebKit's default, as it
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

/// Whether to start again without compositing: no GPU, WebKit's drawing not asked for
/// (`drawing`, `KITH_WEBVIEW_DRAWING`), and compositing not already decided (`compositing`,
/// the variable as set: the user's, or this program's own second start).
pub fn needs_restart(drawing: Option<&OsStr>, compositing: Option<&OsStr>, dri: &Path) -> bool {
    drawing.is_none_or(|v| v != "webkit") && compositing.is_none() && !has_render_node(dri)
}

/// On a computer with no GPU, replaces this process with the same program and arguments and
/// `WEBKIT_DISABLE_COMPOSITING_MODE=1` (the same process id, standard streams and all). The
/// first thing the app does; returns at once where nothing is to change, or if it cannot.
#[cfg(target_os = "linux")]
pub fn restart_without_compositing() {
    use std::os::unix::process::CommandExt;
    let drawing = std::env::var_os("KITH_WEBVIEW_DRAWING");
    let compositing = std::env::var_os(NO_COMPOSITING);
    if !needs_restart(drawing.as_deref(), compositing.as_deref(), Path::new(DRI)) {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let failed = std::process::Command::new(program)
        .args(std::env::args_os().skip(1))
        .env(NO_COMPOSITING, "1")
        .exec();
    eprintln!("kith: could not start again without compositing: {failed}");
}

/// Other systems' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn restart_without_compositing() {}

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
    fn starts_again_without_compositing_only_once_and_only_without_a_gpu() {
        let none = tempfile::tempdir().unwrap();
        let gpu = tempfile::tempdir().unwrap();
        std::fs::write(gpu.path().join("renderD128"), "").unwrap();
        let one = Some(OsStr::new("1"));
        assert!(
            needs_restart(None, None, none.path()),
            "no GPU: start again"
        );
        assert!(!needs_restart(None, None, gpu.path()), "a GPU composites");
        assert!(
            !needs_restart(None, one, none.path()),
            "the second start (or the user's own choice) does not start again"
        );
        assert!(
            !needs_restart(Some(OsStr::new("webkit")), None, none.path()),
            "WebKit's own drawing asked for (the end-to-end runs)"
        );
        assert!(needs_restart(Some(OsStr::new("other")), None, none.path()));
    }
}
