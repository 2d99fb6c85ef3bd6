extension DashboardScript {
    /// The main part: the operator key (URL fragment or form, kept in `sessionStorage`), the
    /// refresh loop of `/v1/stats` and `/v1/rooms` every second, and the errors shown on the page.
    static let main = #"""
// The operator key, the refresh loop and its errors. The key comes from the URL fragment
// (#key=…, which the browser never sends) or the form, and is kept in sessionStorage only; the
// page holds no data of its own: everything comes from the API with that key.
const KEY_ITEM = "switchboard.operatorKey";
const REFRESH_MS = 1000;
let memoryKey = null;
let timer = null;
let generation = 0;
let charts = null;

function storedKey() {
  try { return sessionStorage.getItem(KEY_ITEM) || memoryKey; } catch (_) { return memoryKey; }
}

function storeKey(key) {
  memoryKey = key;
  try {
    if (key) sessionStorage.setItem(KEY_ITEM, key); else sessionStorage.removeItem(KEY_ITEM);
  } catch (_) { /* storage refused (private mode): the key lives as long as the page */ }
}

// Moves #key=… into storage and takes it out of the address bar.
function takeKeyFromFragment() {
  const key = new URLSearchParams(location.hash.slice(1)).get("key");
  if (key) {
    storeKey(key);
    history.replaceState(null, "", location.pathname + location.search);
  }
}

// An answer that was not 2xx, with the API's error code and message when it sent them.
class APIFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function getJSON(path, key) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + key }, cache: "no-store" });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (_) { body = null; }
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new APIFailure(response.status, error.code || "http_" + response.status,
      error.message || response.statusText || "the server answered " + response.status + ".");
  }
  return body;
}

function showError(text) {
  const banner = document.getElementById("error");
  banner.textContent = text;
  banner.hidden = !text;
}

function setStatus(state, text) {
  const status = document.getElementById("status");
  status.dataset.state = state;
  status.textContent = text;
}

function showKeyForm(visible) {
  document.getElementById("key-panel").hidden = !visible;
  document.getElementById("forget-key").hidden = visible;
  if (visible) document.getElementById("key-input").focus();
}

async function refresh() {
  const key = storedKey();
  if (!key) {
    setStatus("idle", "no operator key");
    showKeyForm(true);
    return false;
  }
  try {
    const [stats, rooms] = await Promise.all([getJSON("/v1/stats", key), getJSON("/v1/rooms", key)]);
    const totals = stats.totals || {}, process = stats.process || {};
    charts.packets.add(stats.timestamp, { in: totals.packetsInPerSecond || 0, out: totals.packetsOutPerSecond || 0 });
    charts.bitrate.add(stats.timestamp, {
      in: (totals.bytesInPerSecond || 0) * 8 / 1e6, out: (totals.bytesOutPerSecond || 0) * 8 / 1e6,
    });
    charts.memory.add(stats.timestamp, {
      resident: (process.residentBytes || 0) / 1048576, allocated: (process.allocatedBytes || 0) / 1048576,
    });
    renderSummary(stats);
    renderWorkers(stats);
    renderRooms(rooms);
    showError("");
    setStatus("live", "live · " + new Date(stats.timestamp).toLocaleTimeString("en-GB"));
    return true;
  } catch (error) {
    if (error instanceof APIFailure && (error.status === 401 || error.status === 403)) {
      showError("The operator key was refused (" + error.status + " " + error.code + "): " + error.message);
      setStatus("error", "key refused");
      showKeyForm(true);
      return false;
    }
    if (error instanceof APIFailure) {
      showError("The server answered " + error.status + " " + error.code + ": " + error.message + " Retrying.");
    } else {
      showError("Cannot reach the server (" + error.message + "). Retrying every second.");
    }
    setStatus("error", "error");
    return true;
  }
}

// Refreshes every REFRESH_MS while the key is usable; a refused or missing key stops the loop
// until a new key comes. Only the loop of the latest (re)start goes on.
async function loop(run) {
  timer = null;
  const started = Date.now();
  const goOn = await refresh();
  if (goOn && run === generation) timer = setTimeout(() => loop(run), Math.max(0, REFRESH_MS - (Date.now() - started)));
}

function stop() {
  generation += 1;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function restart() {
  stop();
  showKeyForm(false);
  loop(generation);
}

function start() {
  charts = {
    packets: new LineChart(document.getElementById("chart-packets"),
      [{ key: "in", colorVariable: "--series-in" }, { key: "out", colorVariable: "--series-out" }]),
    bitrate: new LineChart(document.getElementById("chart-bitrate"),
      [{ key: "in", colorVariable: "--series-in" }, { key: "out", colorVariable: "--series-out" }]),
    memory: new LineChart(document.getElementById("chart-memory"),
      [{ key: "resident", colorVariable: "--series-resident" }, { key: "allocated", colorVariable: "--series-allocated" }]),
  };
  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("key-input");
    const key = input.value.trim();
    if (!key) return;
    input.value = "";
    storeKey(key);
    restart();
  });
  document.getElementById("forget-key").addEventListener("click", () => {
    storeKey(null);
    stop();
    showError("");
    refresh();
  });
  window.addEventListener("resize", () => { for (const chart of Object.values(charts)) chart.draw(); });
  window.addEventListener("hashchange", () => { takeKeyFromFragment(); restart(); });
  takeKeyFromFragment();
  restart();
}

start();
"""#
}
