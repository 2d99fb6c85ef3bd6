/// The dashboard's HTML (`GET /dashboard`): the page's frame only, with no data in it; its
/// script fills it from the API. It loads nothing but the dashboard's own files (no inline
/// script or style, as ``DashboardController/contentSecurityPolicy`` requires).
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Switchboard · operator dashboard</title>
<link rel="icon" href="/dashboard/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/style.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<header class="top">
  <h1>Switchboard <span class="muted">operator dashboard</span></h1>
  <span id="status" data-state="idle">starting</span>
  <button id="forget-key" type="button" hidden>Forget key</button>
</header>
<main>
  <section id="key-panel" class="panel" hidden>
    <form id="key-form" autocomplete="off">
      <label for="key-input">Operator key</label>
      <input id="key-input" type="password" spellcheck="false" required>
      <button type="submit">Open</button>
      <span class="muted">Kept in this tab only (sessionStorage). A link may carry it as <code>/dashboard#key=…</code>.</span>
    </form>
  </section>
  <div id="error" role="alert" hidden></div>
  <section class="summary">
    <div class="figure"><span class="label">Uptime</span><span id="summary-uptime" class="value">–</span></div>
    <div class="figure"><span class="label">Rooms</span><span id="summary-rooms" class="value">–</span></div>
    <div class="figure"><span class="label">Participants</span><span id="summary-participants" class="value">–</span></div>
    <div class="figure"><span class="label">Transports</span><span id="summary-transports" class="value">–</span></div>
    <div class="figure"><span class="label">Packets/s in / out</span><span id="summary-packets" class="value">–</span></div>
    <div class="figure"><span class="label">Mbit/s in / out</span><span id="summary-bitrate" class="value">–</span></div>
    <div class="figure"><span class="label">Resident memory</span><span id="summary-memory" class="value">–</span></div>
    <div class="figure" title="jemalloc: bytes allocated / bytes resident"><span class="label">Heap (jemalloc)</span><span id="summary-allocator" class="value">–</span></div>
  </section>
  <section class="charts">
    <figure class="panel">
      <figcaption>Packets per second <span class="key key-in">in</span> <span class="key key-out">out</span></figcaption>
      <canvas id="chart-packets" data-points="0"></canvas>
    </figure>
    <figure class="panel">
      <figcaption>Bitrate, Mbit/s <span class="key key-in">in</span> <span class="key key-out">out</span></figcaption>
      <canvas id="chart-bitrate" data-points="0"></canvas>
    </figure>
    <figure class="panel">
      <figcaption>Process memory, MiB <span class="key key-resident">resident</span> <span class="key key-allocated">allocated</span></figcaption>
      <canvas id="chart-memory" data-points="0"></canvas>
    </figure>
  </section>
  <section class="columns">
    <div class="panel">
      <h2>Workers</h2>
      <table id="workers">
        <thead>
          <tr><th></th><th>Transports</th><th>Pkt/s in</th><th>Pkt/s out</th><th>Mbit/s in</th><th>Mbit/s out</th>
            <th>CPU</th><th>Buffer pool</th><th>Drops</th><th>SRTP / parse failures</th></tr>
        </thead>
        <tbody id="workers-body"></tbody>
      </table>
    </div>
    <div class="panel">
      <h2>Rooms <span id="rooms-count" class="muted"></span></h2>
      <div id="rooms"><p class="muted">Waiting for the first answer.</p></div>
    </div>
  </section>
</main>
</body>
</html>
"""#
}
