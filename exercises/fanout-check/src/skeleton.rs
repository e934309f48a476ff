//! Step 1: the skeleton. The address line on port 0 (and a socket on loopback only),
//! `/health`, `--help`, one-line errors for bad flags, and a clean exit on Ctrl-C or
//! SIGTERM.

use std::time::Duration;

use crate::Context;
use crate::service::{Service, describe_exit, free_port, get, run_to_end};

/// Every flag mistake must end the service with one line on stderr and exit 2.
const BAD_COMMAND_LINES: [&[&str]; 4] = [
    &["--limit", "lots"],
    &["--nope"],
    &["--limit", "0"],
    &["--deadline-ms", "-5"],
];

pub fn check(context: &Context) -> Result<String, String> {
    let first = Service::start(&context.binary, &["--port", "0"], &[])?;
    // Port 0 twice: two services at once, on two ports the system picked.
    let second = Service::start(&context.binary, &[], &[])?;
    if first.port == second.port {
        return Err(format!(
            "two services started with port 0 both said port {}: bind 127.0.0.1 with the \
             port from --port (0 by default) and print the port the listener really got",
            first.port
        ));
    }
    listens_on_loopback_only(&first)?;
    let health = get(&first.url("/health"))?;
    if health.status != 200 || health.text != "ok" {
        return Err(format!(
            "GET /health must answer 200 with the body `ok`; it answered {} {:?}",
            health.status, health.text
        ));
    }
    let free = free_port()?;
    let chosen = Service::start(&context.binary, &["--port", &free.to_string()], &[])?;
    if chosen.port != free {
        return Err(format!(
            "`fanout --port {free}` said it listens on port {}: use the port given",
            chosen.port
        ));
    }
    drop(chosen);
    help_is_an_answer(context)?;
    for args in BAD_COMMAND_LINES {
        bad_flags_are_one_line(context, args)?;
    }
    stops_cleanly(first, "TERM", "SIGTERM")?;
    stops_cleanly(second, "INT", "Ctrl-C (SIGINT)")?;
    // A signal the moment the address line is out (sent by a shell armed beforehand):
    // the line says "ready", so the service must already listen for signals when it
    // prints it. Three times each: a late listener loses some of these races.
    for (signal, name) in [("TERM", "SIGTERM"), ("INT", "Ctrl-C (SIGINT)")] {
        for _ in 0..3 {
            let early = Service::start_and_signal_at_once(&context.binary, &[], signal)?;
            early_signal_stops_cleanly(early, name)?;
        }
    }
    Ok(
        "the service prints its address (its socket on loopback only), answers /health, \
        shows --help with exit 0, refuses bad flags in one line with exit 2, and stops \
        with exit 0 on SIGTERM and Ctrl-C, even one sent the moment it printed its address"
            .to_owned(),
    )
}

/// The socket itself, as the kernel lists it (`/proc/net/tcp`, `tcp6`): a service that
/// binds every address (`0.0.0.0`) while printing `127.0.0.1` is reachable from the
/// network. Where the kernel's list cannot be read, nothing is claimed.
fn listens_on_loopback_only(service: &Service) -> Result<(), String> {
    let mut everywhere = Vec::new();
    for (table, any) in [
        ("/proc/net/tcp", "00000000"),
        ("/proc/net/tcp6", "00000000000000000000000000000000"),
    ] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for row in text.lines().skip(1) {
            let fields: Vec<&str> = row.split_whitespace().collect();
            let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else {
                continue;
            };
            let Some((address, port)) = local.split_once(':') else {
                continue;
            };
            let listening = *state == "0A";
            if listening && u16::from_str_radix(port, 16) == Ok(service.port) && address == any {
                everywhere.push(if any.len() == 8 { "0.0.0.0" } else { "[::]" });
            }
        }
    }
    if let Some(address) = everywhere.first() {
        return Err(format!(
            "your service said `listening on http://127.0.0.1:{}`, but its socket listens on \
             {address}:{}: every machine that reaches this one can ask it to fetch pages. \
             Bind 127.0.0.1 (`TcpListener::bind((\"127.0.0.1\", port))`), as it says",
            service.port, service.port
        ));
    }
    Ok(())
}

/// `--help` is an answer, not a mistake: the flags on stdout, exit 0.
fn help_is_an_answer(context: &Context) -> Result<(), String> {
    let (status, stdout, _) = run_to_end(&context.binary, &["--help"])?;
    let documented = ["--port", "--limit", "--deadline-ms"]
        .iter()
        .all(|flag| stdout.contains(flag));
    if !status.success() || !documented {
        return Err(format!(
            "`fanout --help` must print the flags (--port, --limit, --deadline-ms ...) on \
             stdout and exit 0: it is what was asked for, not a usage error. clap's \
             try_parse() returns it as an error of kind DisplayHelp: print it \
             (`error.print()`) and exit 0; {}, writing {:?} on stdout",
            describe_exit(status),
            crate::answers::short(&stdout)
        ));
    }
    Ok(())
}

fn bad_flags_are_one_line(context: &Context, args: &[&str]) -> Result<(), String> {
    let (status, stdout, stderr) = run_to_end(&context.binary, args)?;
    let shown = format!("`fanout {}`", args.join(" "));
    if status.code() != Some(2) {
        return Err(format!(
            "{shown} must stop with exit status 2 (a usage error); {}{}",
            describe_exit(status),
            if stdout.contains("listening on") {
                " after starting to listen: check the flags before serving"
            } else {
                ""
            }
        ));
    }
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != 1 || stderr.contains("panicked") {
        return Err(format!(
            "{shown} must say what is wrong in one line on stderr; it wrote {} lines: {:?}. \
             clap's `Config::try_parse()` gives the error; print its first line yourself \
             (`error.render()`) and return exit code 2",
            lines.len(),
            lines.iter().take(4).collect::<Vec<_>>()
        ));
    }
    Ok(())
}

/// The signal sent the moment the address line was out stops the service with exit 0:
/// it listened for signals before it said it was ready.
fn early_signal_stops_cleanly(mut service: Service, name: &str) -> Result<(), String> {
    match service.wait_exit(Duration::from_secs(3)) {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!(
            "{name}, sent the moment the service printed `listening on ...`, must stop it \
             with exit 0; {}. The address line tells the world the service is ready: set up \
             its signal listeners (tokio::signal::unix::signal, or the ctrl_c future polled \
             once) before printing the address, or a signal in between finds nobody \
             listening",
            describe_exit(status)
        )),
        None => Err(format!(
            "{name}, sent the moment the service printed `listening on ...`, must stop it \
             with exit 0; it was still running 3 s later: a signal that came before your \
             listener was set up is lost. Set up the signal listeners before printing the \
             address"
        )),
    }
}

fn stops_cleanly(mut service: Service, signal: &str, name: &str) -> Result<(), String> {
    service.signal(signal);
    match service.wait_exit(Duration::from_secs(3)) {
        Some(status) if status.success() => Ok(()),
        Some(status) if status.code().is_none() => Err(format!(
            "on {name} with nothing in flight the service must stop and exit 0; {}: no \
             listener for {name} was set up, though the service had been running a while. \
             Set up the listeners for SIGTERM and Ctrl-C at start-up, before printing the \
             address (tokio::signal), and let the shutdown future end on either",
            describe_exit(status)
        )),
        Some(status) => Err(format!(
            "on {name} with nothing in flight the service must stop and exit 0; {}. Serve \
             with `axum::serve(...).with_graceful_shutdown(signal)`, the signal being a \
             future that ends on Ctrl-C or SIGTERM (tokio::signal)",
            describe_exit(status)
        )),
        None => Err(format!(
            "on {name} with nothing in flight the service must stop and exit 0; it was still \
             running 3 s later. Does your shutdown future listen for {name}?"
        )),
    }
}
