// Answers that help a student choose: jobs compared side by side, the jobs an exploration
// found, and the list of the jobs known, each job a chip that asks about it.
//
// Same security rule as render.js: server text goes in with textContent only, never innerHTML.
"use strict";

import { el, makeChip, renderPassage } from "./render.js";

let groupCount = 0;

function groupId(prefix) {
  groupCount += 1;
  return `${prefix}-${Date.now().toString(36)}-${groupCount}`;
}

/** One column per job named, in the order named: its name, its passage or why there is none. */
export function renderComparison(item, columns, answerLang, s) {
  const usable = columns.filter((c) => c && typeof c.job === "string" && c.job.trim());
  if (!usable.length) return;
  const grid = el("div", "compare");
  grid.setAttribute("role", "group");
  grid.setAttribute("aria-label", s.compareLabel);
  grid.style.setProperty("--compare-columns", String(Math.min(usable.length, 3)));
  for (const column of usable) {
    const cell = el("section", "compare-column");
    const name = el("h3", "compare-job", column.job.trim());
    name.id = groupId("compare-job");
    cell.setAttribute("aria-labelledby", name.id);
    cell.appendChild(name);
    if (column.passage && typeof column.passage.text === "string") {
      cell.appendChild(renderPassage(column.passage, answerLang));
    } else {
      cell.classList.add("compare-column--empty");
      cell.appendChild(el("p", "compare-note", column.note || ""));
    }
    grid.appendChild(cell);
  }
  item.appendChild(grid);
}

function jobChips(jobs, pending) {
  const chips = el("div", "chips");
  chips.setAttribute("role", "group");
  for (const job of jobs) {
    chips.appendChild(makeChip(job.title.trim(), job.question.trim(), "chip--job", pending));
  }
  return chips;
}

function usableJobs(jobs) {
  return (Array.isArray(jobs) ? jobs : []).filter(
    (j) => j && typeof j.title === "string" && j.title.trim() && typeof j.question === "string",
  );
}

/** An exploration's jobs as chips: each asks what the job is. */
export function renderJobChips(item, jobs, s, pending) {
  const usable = usableJobs(jobs);
  if (!usable.length) return;
  const wrap = el("div", "suggestions job-chips");
  const intro = el("p", "chips-intro", s.jobsLabel);
  intro.id = groupId("jobs");
  const chips = jobChips(usable, pending);
  chips.setAttribute("aria-labelledby", intro.id);
  wrap.append(intro, chips);
  item.appendChild(wrap);
}

/** The jobs known, grouped by field of work when the profiles give one. */
export function renderJobList(item, jobs, s, pending) {
  const usable = usableJobs(jobs);
  if (!usable.length) return;
  const groups = new Map();
  for (const job of usable) {
    const sector = typeof job.sector === "string" && job.sector.trim() ? job.sector.trim() : "";
    if (!groups.has(sector)) groups.set(sector, []);
    groups.get(sector).push(job);
  }
  const list = el("div", "job-list");
  const named = [...groups.keys()].some((sector) => sector);
  for (const [sector, members] of groups) {
    const label = el("p", "job-group", sector || (named ? s.otherJobs : s.jobsLabel));
    label.id = groupId("job-group");
    const chips = jobChips(members, pending);
    chips.setAttribute("aria-labelledby", label.id);
    list.append(label, chips);
  }
  item.appendChild(list);
}
