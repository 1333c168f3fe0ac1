//! Kith desktop: the Tauri window around the engine.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The same allocator as the CLI's (see src/bin/kith/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    kith_desktop::run();
}
