extension DashboardScript {
    /// The views: the summary, the workers' table and the rooms' list, rendered with DOM calls
    /// (server text goes into `textContent` only).
    static let views = #"""
// Rendering of the figures: the summary, the workers' table and the rooms' list. Text from
// the server (room and participant ids, names) only ever goes into textContent.
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatCount(value) {
  return Number(value || 0).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

function formatRate(value) {
  const number = Number(value || 0);
  return number.toLocaleString("en-US", { maximumFractionDigits: number < 10 ? 1 : 0 });
}

function formatMegabits(bytesPerSecond) {
  return (Number(bytesPerSecond || 0) * 8 / 1e6).toFixed(2);
}

// Figures the server could not tell are null: shown as a dash.
function isKnown(value) {
  return value !== null && value !== undefined;
}

function formatMebibytes(bytes) {
  return isKnown(bytes) ? (Number(bytes) / 1048576).toFixed(1) + " MiB" : "–";
}

function formatPercent(fraction) {
  return isKnown(fraction) ? (Number(fraction) * 100).toFixed(1) + " %" : "–";
}

function formatDuration(seconds) {
  const total = Math.floor(Number(seconds || 0));
  const days = Math.floor(total / 86400), hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60), rest = total % 60;
  if (days) return days + " d " + hours + " h";
  if (hours) return hours + " h " + String(minutes).padStart(2, "0") + " min";
  return minutes + " min " + String(rest).padStart(2, "0") + " s";
}

function setText(id, text) {
  document.getElementById(id).textContent = text;
}

function renderSummary(stats) {
  const totals = stats.totals || {}, process = stats.process || {};
  setText("summary-uptime", formatDuration(stats.uptimeSeconds));
  setText("summary-rooms", formatCount(stats.rooms));
  setText("summary-participants", formatCount(stats.participants));
  setText("summary-transports", formatCount(totals.transports));
  setText("summary-packets", formatRate(totals.packetsInPerSecond) + " / " + formatRate(totals.packetsOutPerSecond));
  setText("summary-bitrate", formatMegabits(totals.bytesInPerSecond) + " / " + formatMegabits(totals.bytesOutPerSecond));
  setText("summary-memory", formatMebibytes(process.residentBytes));
  setText("summary-allocator", isKnown(process.allocatedBytes) && isKnown(process.allocatorResidentBytes)
    ? (process.allocatedBytes / 1048576).toFixed(1) + " / " + formatMebibytes(process.allocatorResidentBytes) : "–");
}

function tableRow(cells, className) {
  const row = element("tr", className);
  cells.forEach((text, i) => row.append(element(i === 0 ? "th" : "td", null, text)));
  return row;
}

function renderWorkers(stats) {
  const body = document.getElementById("workers-body");
  const rows = (stats.workers || []).map((worker) => {
    const pool = worker.bufferPool || {};
    const poolText = formatCount(pool.inUse) + " / " + formatCount(pool.capacity);
    const row = tableRow([
      "worker " + worker.id, formatCount(worker.transports),
      formatRate(worker.packetsInPerSecond), formatRate(worker.packetsOutPerSecond),
      formatMegabits(worker.bytesInPerSecond), formatMegabits(worker.bytesOutPerSecond),
      formatPercent(worker.cpuUtilization), poolText, formatCount(worker.queueDrops),
      formatCount(worker.srtpFailures) + " / " + formatCount(worker.parseFailures),
    ]);
    row.dataset.worker = String(worker.id);
    return row;
  });
  const channels = stats.dataChannels;
  if (channels) {
    rows.push(tableRow([
      "data channels", formatCount(channels.associations) + " assoc.", "", "", "", "",
      formatPercent(channels.cpuUtilization), "", formatCount(channels.queueDrops), "",
    ], "secondary"));
  }
  const totals = stats.totals || {};
  const utilizations = (stats.workers || []).map((worker) => worker.cpuUtilization).filter(isKnown);
  rows.push(tableRow([
    "total", formatCount(totals.transports),
    formatRate(totals.packetsInPerSecond), formatRate(totals.packetsOutPerSecond),
    formatMegabits(totals.bytesInPerSecond), formatMegabits(totals.bytesOutPerSecond),
    utilizations.length ? formatPercent(utilizations.reduce((sum, value) => sum + value, 0)) : "–", "",
    formatCount(totals.queueDrops),
    formatCount(totals.srtpFailures) + " / " + formatCount(totals.parseFailures),
  ], "total"));
  body.replaceChildren(...rows);
}

function trackLabel(track) {
  let text = (track.codec || track.kind) + " · mid " + track.mid;
  if (track.simulcast && track.simulcast.length) text += " · " + track.simulcast.join("/");
  if (track.muted) text += " · muted";
  return text;
}

function renderParticipant(participant) {
  const item = element("li", "participant");
  item.dataset.participant = participant.id;
  const head = element("div", "participant-head");
  head.append(element("span", "participant-id", participant.id));
  if (participant.name && participant.name !== participant.id) head.append(element("span", "muted", participant.name));
  head.append(element("span", "state state-" + participant.state, participant.state));
  item.append(head);
  const tracks = element("div", "tracks");
  for (const track of participant.tracks || []) {
    const chip = element("span", "track track-" + track.kind, trackLabel(track));
    chip.dataset.track = track.id;
    chip.dataset.kind = track.kind;
    tracks.append(chip);
  }
  const channels = (participant.dataChannels || []).length;
  if (channels) tracks.append(element("span", "track track-data", channels + " data channel" + (channels > 1 ? "s" : "")));
  if (!tracks.childElementCount) tracks.append(element("span", "muted", "no tracks"));
  item.append(tracks);
  return item;
}

function renderRooms(list) {
  const container = document.getElementById("rooms");
  const rooms = (list && list.rooms) || [];
  setText("rooms-count", rooms.length ? "(" + rooms.length + ")" : "");
  if (!rooms.length) {
    container.replaceChildren(element("p", "muted", "No open rooms."));
    return;
  }
  container.replaceChildren(...rooms.map((room) => {
    const card = element("article", "room");
    card.dataset.room = room.id;
    const head = element("header", "room-head");
    head.append(element("span", "room-id", room.id));
    head.append(element("span", "muted",
      room.participants.length + " / " + room.maxParticipants + " participants · since " +
      new Date(room.createdAt).toLocaleTimeString("en-GB")));
    card.append(head);
    const participants = element("ul", "participants");
    participants.append(...room.participants.map(renderParticipant));
    card.append(participants);
    return card;
  }));
}
"""#
}
