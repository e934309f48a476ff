//! The built book in a real browser (headless Chromium, 1280 px wide): every page lays
//! out without sideways scrolling outside code blocks, shows its pictures (the SVG
//! timelines), logs no error, has its heading; and the search finds what a Python
//! developer types.
//!
//! It needs the book built (`mdbook build book`, into target/book) and Chromium, and
//! takes a few seconds of both cores, so the everyday suite skips it (`#[ignore]`);
//! `.ci/run` runs it right after building the book (`cargo test -p course-tests --test
//! course book_browser -- --ignored`). Without the book or Chromium it says so and
//! passes, and with `CI` set it fails.

use std::path::{Path, PathBuf};

use crate::support::binaries::workspace_root;
use crate::support::browser::{Browser, chromium};
use crate::support::workspace::lessons;

/// The width a learner's laptop window has.
const WIDTH: u32 = 1280;

/// What each page is checked for, in the page: a JSON string.
const LAYOUT: &str = r#"(() => {
  const main = document.querySelector('main');
  const edge = main.getBoundingClientRect().right + 1;
  const wide = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    wide.push('the page scrolls sideways (' + page.scrollWidth + ' px in ' + page.clientWidth + ')');
  }
  for (const table of document.querySelectorAll('.table-wrapper')) {
    if (table.scrollWidth > table.clientWidth + 1) {
      wide.push('a table ' + table.scrollWidth + ' px wide in ' + table.clientWidth + ' px: '
        + table.innerText.slice(0, 50).replace(/\s+/g, ' '));
    }
  }
  for (const element of main.querySelectorAll('*')) {
    if (element.closest('pre') || element.closest('.table-wrapper')) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > edge) {
      wide.push(element.tagName.toLowerCase() + ' reaches ' + Math.round(box.right) + ' px, past '
        + Math.round(edge) + ': ' + (element.innerText || '').slice(0, 50).replace(/\s+/g, ' '));
    }
  }
  const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
  const blank = [...main.querySelectorAll('svg')].filter(s => {
    const box = s.getBoundingClientRect();
    return !(box.width > 100 && box.height > 20);
  }).length;
  const h1 = main.querySelector('h1');
  return JSON.stringify({ wide: wide.slice(0, 5), broken, blank, h1: h1 ? h1.innerText : '' });
})()"#;

/// Types each of `WORDS` (a JSON list) into the book's search box in turn and waits
/// (at most 5 s each, polled in the page) for results: a JSON object, each word's links.
const SEARCH: &str = r#"new Promise(resolve => {
  document.getElementById('search-toggle').click();
  const bar = document.getElementById('searchbar');
  const words = WORDS;
  const found = {};
  (function next(index) {
    if (index === words.length) { resolve(JSON.stringify(found)); return; }
    bar.value = words[index];
    bar.dispatchEvent(new KeyboardEvent('keyup', { key: 'e' }));
    const started = Date.now();
    (function poll() {
      const links = [...document.querySelectorAll('#searchresults li a')].map(a => a.getAttribute('href'));
      // The header names the words once the results are this search's, not the last one's.
      const shown = document.getElementById('searchresults-header').innerText;
      if (shown.includes(words[index]) || Date.now() - started > 5000) {
        found[words[index]] = links;
        next(index + 1);
      } else {
        setTimeout(poll, 50);
      }
    })();
  })(0);
})"#;

/// The built book and Chromium, or why this test cannot run here (a failure in CI).
fn book_and_browser() -> Option<(PathBuf, PathBuf)> {
    let book = workspace_root().join("target/book");
    let missing = match (book.join("index.html").is_file(), chromium()) {
        (true, Some(chromium)) => return Some((book, chromium)),
        (false, _) => "the book is not built (mdbook build book)",
        (true, None) => "Chromium is not installed (apt-get install chromium)",
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "the browser test cannot run in CI: {missing}"
    );
    eprintln!("skipped: the book in a browser: {missing}");
    None
}

/// Every page of the built book (the printable whole, the table of contents and the
/// 404 page aside).
fn pages(book: &Path) -> Vec<PathBuf> {
    course_devkit::files::files_below(book, Path::new(""))
        .into_iter()
        .filter(|page| page.extension().is_some_and(|ext| ext == "html"))
        .filter(|page| {
            !["print.html", "toc.html", "404.html"].contains(&page.to_str().unwrap_or(""))
        })
        .collect()
}

/// Every page at 1280 px: no sideways overflow outside code blocks, every picture shown,
/// no console error, a heading; each lesson's chapter headed by its title.
#[test]
#[ignore = "drives Chromium over the built book; .ci/run runs it after building the book"]
fn every_page_reads_well_in_a_browser() {
    let Some((book, chromium)) = book_and_browser() else {
        return;
    };
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chromium-layout");
    let mut browser = Browser::start(&chromium, profile, WIDTH).expect("Chromium starts");
    let mut problems = Vec::new();
    let mut headings = std::collections::HashMap::new();
    let pages = pages(&book);
    assert!(pages.len() >= 15, "{pages:?}");
    for page in &pages {
        let url = format!("file://{}", book.join(page).display());
        let visit = browser
            .visit(&url, WIDTH, LAYOUT)
            .unwrap_or_else(|error| panic!("{}: {error}", page.display()));
        let found = &visit.found;
        let name = page.display();
        for wide in found["wide"].as_array().into_iter().flatten() {
            problems.push(format!("{name}: {}", wide.as_str().unwrap_or("?")));
        }
        for broken in found["broken"].as_array().into_iter().flatten() {
            problems.push(format!("{name}: a picture that did not load: {broken}"));
        }
        if found["blank"] != 0 {
            problems.push(format!(
                "{name}: {} SVG picture(s) drawn empty",
                found["blank"]
            ));
        }
        for error in &visit.errors {
            problems.push(format!("{name}: {error}"));
        }
        let h1 = found["h1"].as_str().unwrap_or_default().to_owned();
        if h1.is_empty() {
            problems.push(format!("{name}: no heading (h1)"));
        }
        headings.insert(page.clone(), h1);
    }
    for lesson in lessons() {
        let page = PathBuf::from(lesson.chapter().replace(".md", ".html"));
        let h1 = headings.get(&page).map(|h1| h1.to_lowercase());
        // `Lesson 3: sequential await vs gather` for "Sequential await vs gather".
        let title = lesson.title.replace('`', "").to_lowercase();
        let heading = format!("lesson {}: {title}", lesson.number);
        if h1.as_deref() != Some(heading.as_str()) {
            problems.push(format!(
                "{}: its heading is {h1:?}, not \"Lesson N: \" and the lesson's title {title:?}",
                page.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the book at {WIDTH} px:\n{}",
        problems.join("\n")
    );
}

/// The search box finds the lessons and the concept map's rows for what a Python
/// developer types.
#[test]
#[ignore = "drives Chromium over the built book; .ci/run runs it after building the book"]
fn the_search_finds_what_a_python_developer_types() {
    let Some((book, chromium)) = book_and_browser() else {
        return;
    };
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chromium-search");
    let mut browser = Browser::start(&chromium, profile, WIDTH).expect("Chromium starts");
    let url = format!("file://{}", book.join("index.html").display());
    let searches = [
        (
            "Semaphore",
            ["lessons/09-bounded-concurrency.html", "python-to-rust.html"],
        ),
        (
            "asyncio.Semaphore",
            ["lessons/09-bounded-concurrency.html", "python-to-rust.html"],
        ),
        (
            "gather",
            [
                "lessons/03-sequential-vs-gather.html",
                "python-to-rust.html",
            ],
        ),
        (
            "create_task",
            ["lessons/04-tasks.html", "python-to-rust.html"],
        ),
    ];
    let words: Vec<&str> = searches.iter().map(|(words, _)| *words).collect();
    let script = SEARCH.replace("WORDS", &serde_json::to_string(&words).expect("JSON"));
    let visit = browser.visit(&url, WIDTH, &script).expect("the search");
    let mut problems = Vec::new();
    for (words, wanted) in searches {
        let links: Vec<&str> = visit.found[words]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|link| link.as_str())
            .collect();
        for page in wanted {
            if !links.iter().any(|link| link.starts_with(page)) {
                problems.push(format!(
                    "searching {words:?} does not find {page}: {links:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
