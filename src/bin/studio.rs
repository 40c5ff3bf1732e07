//! The clinic's Protocol Studio (studio/index.html; README, "For clinics: the studio"): its own
//! WebAssembly, so the visitor's quiz does not carry the editor.

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(target_arch = "wasm32")]
fn main() {
    let root = gloo::utils::document()
        .get_element_by_id("studio")
        .expect("studio/index.html has an element with id \"studio\"");
    root.set_inner_html("");
    yew::Renderer::<candidacy_quiz::studio::ui::StudioApp>::with_root(root).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("studio is the browser app of studio/index.html: run `cargo xtask serve` and open /studio/.");
    std::process::exit(1);
}
