"""Loads Switchboard's operator dashboard in headless Chromium and reports what it shows.

Opens http://HOST:PORT/dashboard#key=KEY (Debian's chromium driven by its chromedriver, INTEROP.md
"Headless Chromium"), then reads the page until the packets/s and bitrate charts have at least
--min-points samples with a newest inbound value above 0 (and outbound, with --expect-outbound) and the room, the participant and its
tracks are listed (or --timeout runs out), and collects the browser's console errors. With
--screenshot PATH it then waits for --screenshot-points samples (bounded too) and saves the
page as the window shows it (--window, 1280x800 by default). Last it loads the page with a wrong key and reads the error the page shows. Prints one
JSON object:

  {"ready": bool, "seconds": float, "charts": {"chart-packets": {"points", "lastIn", "lastOut"}, ...},
   "rooms": [{"id", "participants": [{"id", "state", "tracks": [{"id", "kind"}]}]}],
   "status": str, "error": str, "fragmentKept": bool, "consoleErrors": [str],
   "refusedKey": {"error": str, "keyFormShown": bool} | null, "screenshot": str | null, "failure": str | null}

The browser cannot reach past the machine: every host name resolves to nothing but 127.0.0.1,
and background services are off. The browser always quits, whatever happened.
"""
import argparse
import json
import os
import sys
import time

# Selenium Manager (which may look drivers up online and send usage figures) must stay off: the
# driver and browser paths are given.
os.environ["SE_OFFLINE"] = "true"
os.environ["SE_AVOID_STATS"] = "true"

from selenium import webdriver  # noqa: E402  (after the environment above)
from selenium.webdriver.chrome.service import Service  # noqa: E402

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHARTS = ["chart-packets", "chart-bitrate", "chart-memory"]

# What the page shows, read from its DOM: the charts' data attributes, the rooms' list, the
# status and the error banner.
READ_PAGE = """
const charts = {};
for (const id of arguments[0]) {
  const canvas = document.getElementById(id);
  charts[id] = canvas ? Object.assign({}, canvas.dataset) : null;
}
const rooms = [...document.querySelectorAll("#rooms [data-room]")].map((room) => ({
  id: room.dataset.room,
  participants: [...room.querySelectorAll("[data-participant]")].map((participant) => ({
    id: participant.dataset.participant,
    state: (participant.querySelector(".state") || {}).textContent || "",
    tracks: [...participant.querySelectorAll("[data-track]")].map((track) => ({id: track.dataset.track, kind: track.dataset.kind})),
  })),
}));
const error = document.getElementById("error");
return {
  charts, rooms,
  workers: document.querySelectorAll("#workers-body tr[data-worker]").length,
  status: document.getElementById("status").textContent,
  error: error.hidden ? "" : error.textContent,
  keyFormShown: !document.getElementById("key-panel").hidden,
  hash: location.hash,
};
"""


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def chart_ready(chart, min_points, outbound):
    return (chart is not None and number(chart.get("points")) >= min_points and number(chart.get("lastIn")) > 0
            and (not outbound or number(chart.get("lastOut")) > 0))


def page_ready(page, args):
    rooms = {room["id"]: room for room in page["rooms"]}
    room = rooms.get(args.room)
    participant = next((p for p in (room or {}).get("participants", []) if p["id"] == args.participant), None)
    kinds = {track["kind"] for track in (participant or {}).get("tracks", [])}
    return (chart_ready(page["charts"]["chart-packets"], args.min_points, args.expect_outbound)
            and chart_ready(page["charts"]["chart-bitrate"], args.min_points, args.expect_outbound)
            and set(args.track_kinds.split(",")) <= kinds)


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def fit_viewport(driver, width, height):
    """Resizes the window so that the page itself (not the window) is width × height."""
    inner_width, inner_height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner_width, 2 * height - inner_height)


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def wait_for(driver, condition, seconds):
    """Reads the page every 0.25 s until condition(page) holds or `seconds` pass; the last read."""
    deadline = time.monotonic() + seconds
    while True:
        page = driver.execute_script(READ_PAGE, CHARTS)
        if condition(page) or time.monotonic() >= deadline:
            return page
        time.sleep(0.25)


def run(args, result):
    width, height = (int(part) for part in args.window.split("x"))
    driver = browser(width, height)
    try:
        fit_viewport(driver, width, height)
        started = time.monotonic()
        driver.get(f"{args.base}/dashboard#key={args.key}")
        page = wait_for(driver, lambda page: page_ready(page, args), args.timeout)
        result["ready"] = page_ready(page, args)
        result["seconds"] = round(time.monotonic() - started, 2)
        if result["ready"] and args.screenshot:
            page = wait_for(driver, lambda page: number(page["charts"]["chart-bitrate"].get("points")) >= args.screenshot_points,
                            args.screenshot_points + 5)
            driver.save_screenshot(args.screenshot)
            result["screenshot"] = args.screenshot
        result.update(charts=page["charts"], rooms=page["rooms"], workers=page["workers"], status=page["status"],
                      error=page["error"], fragmentKept=bool(page["hash"]))
        result["consoleErrors"] = console_errors(driver)

        # A key the server refuses: the page must say so and offer the form again.
        driver.get("about:blank")
        driver.get(f"{args.base}/dashboard#key=not-the-operator-key")
        refused = wait_for(driver, lambda page: bool(page["error"]) and page["keyFormShown"], 10)
        result["refusedKey"] = {"error": refused["error"], "keyFormShown": refused["keyFormShown"]}
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--key", required=True, help="the operator key")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--track-kinds", default="audio,video", help="kinds the participant's tracks must cover")
    parser.add_argument("--min-points", type=int, default=3)
    parser.add_argument("--expect-outbound", action="store_true",
                        help="the charts' newest outbound value must be above 0 too (someone receives)")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--window", default="1280x800")
    parser.add_argument("--screenshot", help="save a PNG of the window here once the page is ready")
    parser.add_argument("--screenshot-points", type=int, default=20, help="samples to wait for before the screenshot")
    args = parser.parse_args()
    result = {"ready": False, "seconds": None, "charts": {}, "rooms": [], "workers": 0, "status": "", "error": "",
              "fragmentKept": None, "consoleErrors": [], "refusedKey": None, "screenshot": None, "failure": None}
    try:
        run(args, result)
    except Exception as error:  # reported to the Swift test, which fails on it
        result["failure"] = f"{type(error).__name__}: {error}"
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
