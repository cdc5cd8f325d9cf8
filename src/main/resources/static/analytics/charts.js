/*
 * Hand-written SVG charts for the analytics page. Each chart is an <svg role="img"> whose <title>
 * and <desc> say in words what the picture shows, so a screen reader (or a test) gets every number;
 * values are written next to the marks, so colour is never the only cue.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var uid = 0;

  // --- formatting -------------------------------------------------------------------------------

  var numbers = new Intl.NumberFormat('en-GB');
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function count(n) {
    return numbers.format(n || 0);
  }

  function plural(n, one, many) {
    return count(n) + ' ' + (n === 1 ? one : (many || one + 's'));
  }

  function percent(share) {
    if (share == null || isNaN(share)) {
      return '–';
    }
    var value = share * 100;
    // Small shares keep one decimal so "0.4 %" does not read as "0 %".
    return (value > 0 && value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)) + ' %';
  }

  /** Milliseconds in words a person reads at a glance: "40 ms", "1.2 s", "3 min 10 s", "2 h 5 min", "3 days 4 h". */
  function duration(ms) {
    if (ms == null || isNaN(ms)) {
      return 'no data';
    }
    ms = Math.max(0, Math.round(ms));
    if (ms < 1000) {
      return ms + ' ms';
    }
    var seconds = ms / 1000;
    if (seconds < 10) {
      return seconds.toFixed(1).replace(/\.0$/, '') + ' s';
    }
    if (seconds < 60) {
      return Math.round(seconds) + ' s';
    }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      var restSeconds = Math.round(seconds - minutes * 60);
      return minutes + ' min' + (restSeconds && minutes < 10 ? ' ' + restSeconds + ' s' : '');
    }
    var hours = Math.floor(minutes / 60);
    if (hours < 24) {
      var restMinutes = minutes - hours * 60;
      return hours + ' h' + (restMinutes ? ' ' + restMinutes + ' min' : '');
    }
    var days = Math.floor(hours / 24);
    var restHours = hours - days * 24;
    return days + (days === 1 ? ' day' : ' days') + (restHours && days < 7 ? ' ' + restHours + ' h' : '');
  }

  /** "2026-11-24" as "24 Nov 2026" without time-zone shifts (the API's days are UTC days). */
  function day(iso, withYear) {
    if (!iso) {
      return '';
    }
    var parts = iso.split('-');
    var text = Number(parts[2]) + ' ' + MONTHS[Number(parts[1]) - 1];
    return withYear === false ? text : text + ' ' + parts[0];
  }

  /** An instant in the reader's own time zone, e.g. "24 Nov 2026, 09:15:03". */
  function time(iso) {
    if (!iso) {
      return '';
    }
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return iso;
    }
    return date.toLocaleString('en-GB', {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'
    });
  }

  // --- SVG building -------------------------------------------------------------------------------

  function el(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (attributes[key] != null) {
        node.setAttribute(key, attributes[key]);
      }
    });
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  /** A new <svg role="img"> in the container, labelled by its own title and description. */
  function frame(container, width, height, title, description) {
    container.textContent = '';
    var id = 'chart-' + (++uid);
    var svg = el('svg', {
      width: '100%', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-labelledby': id + '-title', 'aria-describedby': id + '-desc', 'class': 'svg-chart',
      preserveAspectRatio: 'xMinYMin meet'
    });
    svg.appendChild(el('title', {id: id + '-title'}, title));
    svg.appendChild(el('desc', {id: id + '-desc'}, description));
    container.appendChild(svg);
    return svg;
  }

  function widthOf(container) {
    return Math.max(300, Math.min(1100, Math.floor(container.clientWidth || 640)));
  }

  function empty(container, message) {
    container.textContent = '';
    var p = document.createElement('p');
    p.className = 'empty';
    p.textContent = message;
    container.appendChild(p);
  }

  /** Rough text width in pixels, enough to keep labels from overlapping. */
  function textWidth(text, size) {
    return String(text).length * size * 0.56;
  }

  function niceStep(max, ticks) {
    var raw = Math.max(1, max) / ticks;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (raw <= steps[i] * power) {
        return Math.max(1, steps[i] * power);
      }
    }
    return 10 * power;
  }

  // --- rows of text and bars, wrapped to the width they get ----------------------------------------------

  /** Parts joined by the separator, in as many lines as the width needs (never breaking a part). */
  function wrapParts(parts, separator, width, size) {
    var lines = [];
    var line = '';
    parts.forEach(function (part) {
      var next = line ? line + separator + part : part;
      if (line && textWidth(next, size) > width) {
        lines.push(line + separator.trimEnd());
        line = part;
      } else {
        line = next;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  /** A row's heading: the name in bold, then its figures, on one line when they fit, else two. Answers its height. */
  function rowLabel(group, y, name, figures, width) {
    var label = el('text', {x: 0, y: y + 14, 'class': 'label'});
    label.appendChild(el('tspan', {'class': 'label-name'}, name));
    var oneLine = textWidth(name + '   ' + figures, 14) <= width;
    label.appendChild(el('tspan', oneLine ? {'class': 'label-value', dx: 8} : {'class': 'label-value', x: 0, dy: 18}, figures));
    group.appendChild(label);
    return oneLine ? 20 : 38;
  }

  /** Lines of small text starting at y (the first baseline). Answers their height. */
  function textLines(group, y, lines) {
    var text = el('text', {x: 0, y: y, 'class': 'numbers'});
    lines.forEach(function (line, n) {
      text.appendChild(el('tspan', {x: 0, dy: n === 0 ? 0 : 17}, line));
    });
    group.appendChild(text);
    return lines.length * 17;
  }

  /** Draws rows one under the other; each row function appends to its group and answers its height. */
  function stacked(container, width, rows, drawRow, title, description, extraHeight) {
    var body = el('g');
    var y = 4;
    rows.forEach(function (row, index) {
      var group = el('g', {'class': 'row'});
      y += drawRow(group, row, index, y) + 10;
      body.appendChild(group);
    });
    var svg = frame(container, width, y + (extraHeight || 0), title, description);
    svg.appendChild(body);
    return {svg: svg, bottom: y};
  }

  // --- horizontal bars: one row per item, label and value above the bar -----------------------------

  /**
   * items: [{label, value, note}] — note is extra text after the value.
   * options: {title, description, colors: [..]}
   */
  function bars(container, items, options) {
    var width = widthOf(container);
    var barWidth = width - 8;
    var max = Math.max.apply(null, items.map(function (item) { return item.value; }).concat([1]));
    return stacked(container, width, items, function (group, item, index, y) {
      var labelHeight = rowLabel(group, y, item.label, count(item.value) + (item.note ? ' ' + item.note : ''), barWidth);
      var barY = y + labelHeight;
      group.appendChild(el('rect', {x: 0, y: barY, width: barWidth, height: 16, rx: 3, 'class': 'track'}));
      var filled = Math.max(item.value > 0 ? 3 : 0, Math.round(barWidth * item.value / max));
      group.appendChild(el('rect', {x: 0, y: barY, width: filled, height: 16, rx: 3,
        fill: options.colors[index % options.colors.length], 'class': 'bar'}));
      return labelHeight + 16;
    }, options.title, options.description).svg;
  }

  // --- columns: the time-to-outcome buckets ---------------------------------------------------------

  /** A column label in one line when it fits, else two (e.g. "30 min-" / "2 h"), else turned. */
  function columnLabel(text, slot) {
    if (textWidth(text, 12.5) <= slot - 6) {
      return [text];
    }
    var hyphen = text.indexOf('-');
    var cut = hyphen > 0 && text.lastIndexOf(' ', hyphen) > 0 ? hyphen + 1 : text.lastIndexOf(' ');
    var lines = cut > 0 ? [text.slice(0, cut).trim(), text.slice(cut).trim()] : [text];
    var fits = lines.every(function (line) { return textWidth(line, 12.5) <= slot - 4; });
    return fits ? lines : null;
  }

  function columns(container, items, options) {
    var width = widthOf(container);
    var left = 8;
    var slot = (width - left * 2) / items.length;
    var labels = items.map(function (item) { return columnLabel(item.label, slot); });
    var rotate = labels.some(function (lines) { return lines === null; });
    var labelSpace = rotate ? 74 : 40;
    var top = 22;
    var plot = 170;
    var height = top + plot + labelSpace + 6;
    var svg = frame(container, width, height, options.title, options.description);
    var max = Math.max.apply(null, items.map(function (item) { return item.count; }).concat([1]));
    var base = top + plot;
    svg.appendChild(el('line', {x1: left, x2: width - left, y1: base, y2: base, 'class': 'axis'}));
    items.forEach(function (item, index) {
      var x = left + index * slot;
      var barWidth = Math.max(6, slot * 0.68);
      var barHeight = Math.round(plot * item.count / max);
      if (item.count > 0 && barHeight < 2) {
        barHeight = 2;
      }
      var cx = x + slot / 2;
      svg.appendChild(el('rect', {x: cx - barWidth / 2, y: base - barHeight, width: barWidth, height: barHeight,
        fill: options.color, 'class': 'bar'}));
      svg.appendChild(el('text', {x: cx, y: base - barHeight - 6, 'text-anchor': 'middle', 'class': 'value'}, count(item.count)));
      if (rotate) {
        svg.appendChild(el('text', {x: cx, y: base + 14, 'text-anchor': 'end',
          transform: 'rotate(-40 ' + cx + ' ' + (base + 14) + ')', 'class': 'tick'}, item.label));
      } else {
        var label = el('text', {x: cx, y: base + 17, 'text-anchor': 'middle', 'class': 'tick'});
        labels[index].forEach(function (line, n) {
          label.appendChild(el('tspan', {x: cx, dy: n === 0 ? 0 : 15}, line));
        });
        svg.appendChild(label);
      }
    });
    return svg;
  }

  // --- lines: referrals per day ---------------------------------------------------------------------

  /** days: [{date, requested, completed}]; series: [{key, label, className, marker: 'circle'|'square'}]. */
  function lines(container, days, series, options) {
    var width = widthOf(container);
    var left = 40;
    var right = 14;
    var top = 34;
    var plot = 200;
    var bottom = 30;
    var height = top + plot + bottom;
    var svg = frame(container, width, height, options.title, options.description);
    var max = 0;
    days.forEach(function (d) {
      series.forEach(function (s) { max = Math.max(max, d[s.key] || 0); });
    });
    var step = niceStep(max, 4);
    var top2 = Math.max(step, Math.ceil(max / step) * step);
    var plotWidth = width - left - right;
    var x = function (i) { return left + (days.length === 1 ? plotWidth / 2 : plotWidth * i / (days.length - 1)); };
    var y = function (v) { return top + plot - plot * v / top2; };

    for (var v = 0; v <= top2; v += step) {
      svg.appendChild(el('line', {x1: left, x2: width - right, y1: y(v), y2: y(v), 'class': v === 0 ? 'axis' : 'grid'}));
      svg.appendChild(el('text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'class': 'tick'}, count(v)));
    }
    // Day labels: as many as fit without overlapping, always the last one.
    var every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 58))));
    var last = days.length - 1;
    days.forEach(function (d, i) {
      var regular = i % every === 0 && (i === last || last - i >= every * 0.8);
      if (regular || i === last) {
        svg.appendChild(el('text', {x: x(i), y: top + plot + 18, 'text-anchor': 'middle', 'class': 'tick'}, day(d.date, false)));
      }
    });
    var markers = days.length <= 62;
    series.forEach(function (s) {
      var points = days.map(function (d, i) { return x(i).toFixed(1) + ',' + y(d[s.key] || 0).toFixed(1); }).join(' ');
      svg.appendChild(el('polyline', {points: points, 'class': 'series ' + s.className}));
      if (markers) {
        days.forEach(function (d, i) {
          svg.appendChild(marker(s, x(i), y(d[s.key] || 0), 3.5));
        });
      }
    });
    // Legend: line style and marker shape as well as colour.
    var lx = left;
    series.forEach(function (s) {
      svg.appendChild(el('line', {x1: lx, x2: lx + 26, y1: 12, y2: 12, 'class': 'series ' + s.className}));
      svg.appendChild(marker(s, lx + 13, 12, 4));
      var label = s.label + ' (' + count(days.reduce(function (sum, d) { return sum + (d[s.key] || 0); }, 0)) + ')';
      svg.appendChild(el('text', {x: lx + 32, y: 16, 'class': 'legend'}, label));
      lx += 32 + textWidth(label, 13) + 24;
    });
    return svg;
  }

  function marker(series, cx, cy, r) {
    return series.marker === 'square'
        ? el('rect', {x: cx - r, y: cy - r, width: r * 2, height: r * 2, 'class': 'marker ' + series.className})
        : el('circle', {cx: cx, cy: cy, r: r, 'class': 'marker ' + series.className});
  }

  // --- durations: p50 mark, p90 bar, line to max ------------------------------------------------------

  /** rows: [{label, count, p50Ms, p90Ms, maxMs}], already in the order to show. */
  function durations(container, rows, options) {
    var width = widthOf(container);
    var plotWidth = width - 16;
    // The scale ends at the largest p90: one very slow case must not flatten every other bar.
    var scaleMax = Math.max.apply(null, rows.map(function (r) { return r.p90Ms || 0; }).concat([1])) * 1.08;
    var at = function (ms) { return Math.min(plotWidth, plotWidth * (ms || 0) / scaleMax); };
    return stacked(container, width, rows, function (g, row, index, y) {
      var labelHeight = rowLabel(g, y, row.label, '(' + plural(row.count, options.unit) + ')', plotWidth);
      var barY = y + labelHeight;
      g.appendChild(el('rect', {x: 0, y: barY, width: plotWidth, height: 14, rx: 3, 'class': 'track'}));
      if (!row.count) {
        return labelHeight + 14 + textLines(g, barY + 30, ['none finished']);
      }
      var maxX = at(row.maxMs);
      g.appendChild(el('line', {x1: 0, x2: maxX, y1: barY + 7, y2: barY + 7, 'class': 'whisker'}));
      if (row.maxMs > scaleMax) {
        // Slowest case beyond the scale: an arrow at the edge, its value is in the text below.
        g.appendChild(el('path', {d: 'M' + (plotWidth - 8) + ' ' + (barY + 2) + ' L' + plotWidth + ' ' + (barY + 7) + ' L'
            + (plotWidth - 8) + ' ' + (barY + 12) + ' Z', 'class': 'whisker-end'}));
      } else {
        g.appendChild(el('line', {x1: maxX, x2: maxX, y1: barY + 1, y2: barY + 13, 'class': 'whisker'}));
      }
      g.appendChild(el('rect', {x: 0, y: barY + 2, width: Math.max(2, at(row.p90Ms)), height: 10, rx: 2,
        fill: options.color, 'class': 'bar'}));
      var medianX = Math.max(2, at(row.p50Ms));
      g.appendChild(el('rect', {x: medianX - 2, y: barY - 2, width: 4, height: 18, 'class': 'median'}));
      var numbers = wrapParts(['half within ' + duration(row.p50Ms), '9 in 10 within ' + duration(row.p90Ms),
        'slowest ' + duration(row.maxMs)], ' · ', plotWidth, 13.5);
      return labelHeight + 14 + 4 + textLines(g, barY + 30, numbers);
    }, options.title, options.description).svg;
  }

  // --- error rates: share of failed calls on a 0–100 % track ------------------------------------------

  /** rows: [{label, calls, errors, errorRate, retries, answers: [..]}]. */
  function errorRates(container, rows, options) {
    var width = widthOf(container);
    var plotWidth = width - 16;
    var hatch = 'error-hatch-' + (++uid);
    var drawn = stacked(container, width, rows, function (g, row, index, y) {
      var labelHeight = rowLabel(g, y, row.label, count(row.errors) + ' of ' + plural(row.calls, 'call') + ' failed ('
          + percent(row.errorRate) + ') · ' + plural(row.retries, 'repeat'), plotWidth);
      var barY = y + labelHeight;
      g.appendChild(el('rect', {x: 0, y: barY, width: plotWidth, height: 14, rx: 3, 'class': 'track'}));
      if (row.errors > 0) {
        g.appendChild(el('rect', {x: 0, y: barY, width: Math.max(3, plotWidth * row.errorRate), height: 14, rx: 3,
          fill: 'url(#' + hatch + ')', 'class': 'error-bar'}));
      }
      var answers = wrapParts(row.answers, ', ', plotWidth, 13.5);
      answers[0] = 'Answers: ' + answers[0];
      return labelHeight + 14 + 4 + textLines(g, barY + 30, answers);
    }, options.title, options.description, 16);
    var svg = drawn.svg;
    var defs = el('defs');
    var pattern = el('pattern', {id: hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'});
    pattern.appendChild(el('rect', {width: 6, height: 6, 'class': 'error-fill'}));
    pattern.appendChild(el('line', {x1: 0, y1: 0, x2: 0, y2: 6, 'class': 'error-hatch'}));
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild.nextSibling.nextSibling);
    svg.appendChild(el('text', {x: 0, y: drawn.bottom + 8, 'class': 'tick'}, '0 %'));
    svg.appendChild(el('text', {x: plotWidth, y: drawn.bottom + 8, 'text-anchor': 'end', 'class': 'tick'}, '100 % of calls'));
    return svg;
  }

  window.AnalyticsCharts = {
    bars: bars, columns: columns, lines: lines, durations: durations, errorRates: errorRates, empty: empty,
    format: {count: count, plural: plural, percent: percent, duration: duration, day: day, time: time}
  };
})();
