/// The campaign page served at `/`: one self-contained HTML document (no external asset) showing the live
/// campaign view as a table with a sparkline of sent decisions per minute, refreshed from `/campaigns`
/// every few seconds.
enum CampaignPage {
    /// How often the page fetches `/campaigns`, in milliseconds.
    static let refreshMilliseconds = 3_000

    /// The page with `campaigns`, the JSON of `/campaigns`, as its first data, so it shows the table before
    /// its first fetch.
    static func html(campaigns: [UInt8]) -> String {
        // The JSON goes inside a script element: "<" only occurs in its strings, where \u003c means the same.
        let data = String(decoding: campaigns, as: UTF8.self).replacing("<", with: "\\u003c")
        return head + "<script>const initial = \(data);\nconst refreshMilliseconds = \(refreshMilliseconds);\n" + script
            + "</script>\n</body>\n</html>\n"
    }

    private static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Lurker campaigns</title>
        <style>
        :root { color-scheme: light; --ink: #1d2433; --muted: #6b7385; --line: #e3e6ee; --accent: #2f6fde; }
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
               margin: 24px; background: #f7f8fb; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        #status { color: var(--muted); margin-bottom: 16px; }
        #status.down { color: #b42318; }
        table { border-collapse: collapse; background: white; border: 1px solid var(--line); }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        th.group { text-align: center; border-left: 1px solid var(--line); }
        td.name, th.name { text-align: left; }
        td.name small { display: block; color: var(--muted); }
        td.left { border-left: 1px solid var(--line); }
        td.empty { color: var(--muted); text-align: center; }
        svg { display: block; }
        </style>
        </head>
        <body>
        <h1>Lurker campaigns</h1>
        <div id="status">loading…</div>
        <table>
        <thead>
        <tr><th class="name" rowspan="2">campaign</th><th class="group" colspan="6">last 5 minutes</th>
        <th class="group" colspan="5">since start</th><th class="group" rowspan="2">sent per minute, 30 min</th></tr>
        <tr><th class="left">match rate</th><th>evaluated</th><th>sent</th><th>held out</th><th>responses</th><th>lift</th>
        <th class="left">match rate</th><th>triggered</th><th>sent</th><th>response rate</th><th>lift</th></tr>
        </thead>
        <tbody id="rows"><tr><td class="empty" colspan="13">no campaign loaded</td></tr></tbody>
        </table>

        """

    private static let script = """
        function percent(rate) { return rate === null ? "–" : (100 * rate).toFixed(1) + " %"; }
        function signed(lift) { return lift === null ? "–" : (lift >= 0 ? "+" : "") + (100 * lift).toFixed(1) + " %"; }
        function cell(text, className) {
          const td = document.createElement("td");
          td.textContent = String(text);
          if (className) td.className = className;
          return td;
        }
        function sparkline(values) {
          const ns = "http://www.w3.org/2000/svg", width = 120, height = 26;
          const svg = document.createElementNS(ns, "svg");
          svg.setAttribute("width", width);
          svg.setAttribute("height", height);
          svg.setAttribute("viewBox", "0 0 " + width + " " + height);
          const top = Math.max(1, ...values), step = width / Math.max(1, values.length - 1);
          const points = values.map((v, i) => (i * step).toFixed(1) + "," + (height - 2 - (height - 4) * v / top).toFixed(1));
          const area = document.createElementNS(ns, "polygon");
          area.setAttribute("points", "0," + height + " " + points.join(" ") + " " + width + "," + height);
          area.setAttribute("fill", "#dbe6fb");
          const line = document.createElementNS(ns, "polyline");
          line.setAttribute("points", points.join(" "));
          line.setAttribute("fill", "none");
          line.setAttribute("stroke", "#2f6fde");
          line.setAttribute("stroke-width", "1.5");
          const title = document.createElementNS(ns, "title");
          title.textContent = values.join(", ");
          svg.append(area, line, title);
          return svg;
        }
        function render(view) {
          const rows = document.getElementById("rows");
          rows.replaceChildren();
          for (const c of view.campaigns) {
            const tr = document.createElement("tr");
            const name = cell(c.name, "name");
            const file = document.createElement("small");
            file.textContent = c.file;
            name.append(file);
            const recent = c.last_5m, total = c.since_start;
            const responses = recent.responses.accepted + recent.responses.declined;
            tr.append(name,
              cell(percent(recent.match_rate), "left"), cell(recent.evaluated), cell(recent.decisions.sent),
              cell(recent.decisions.holdout), cell(responses), cell(signed(recent.lift)),
              cell(percent(total.match_rate), "left"), cell(total.triggered), cell(total.decisions.sent),
              cell(percent(total.response_rate)), cell(signed(total.lift)));
            const spark = cell("", "left");
            spark.append(sparkline(c.sent_per_minute));
            tr.append(spark);
            rows.append(tr);
          }
          if (view.campaigns.length === 0) {
            rows.innerHTML = '<tr><td class="empty" colspan="13">no campaign loaded</td></tr>';
          }
        }
        function stamp(text, down) {
          const status = document.getElementById("status");
          status.textContent = text + " · updated " + new Date().toLocaleTimeString();
          status.className = down ? "down" : "";
        }
        async function refresh() {
          try {
            const [campaigns, ready] = await Promise.all([fetch("campaigns"), fetch("readyz")]);
            render(await campaigns.json());
            stamp((await ready.text()).trim(), !ready.ok);
          } catch (error) {
            stamp("unreachable: " + error, true);
          }
        }
        render(initial);
        stamp("live", false);
        setInterval(refresh, refreshMilliseconds);

        """
}
