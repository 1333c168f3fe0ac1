//! Kith desktop: the Tauri window around the engine.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    kith_desktop::run();
}
