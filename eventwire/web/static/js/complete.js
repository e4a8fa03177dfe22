// Actor completion: names or codes, from the API's actor dictionary look-up. Uses a <datalist>, so
// the browser draws the suggestions (accessible, no custom popup) and typing stays free-form.
import { api, el } from "./dom.js";

const COMPLETE = "/api/actors/complete";
let counter = 0;

/** An <input> for an actor (name, code or code prefix) that suggests matches as one types. */
export function actorInput(name, value, attrs) {
  const listId = `actor-options-${++counter}`;
  const list = el("datalist", { id: listId });
  const input = el("input", { name, value: value || "", list: listId, autocomplete: "off", spellcheck: "false",
    placeholder: "name or code", ...(attrs || {}) });
  let timer = null, asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      asked = q;
      try {
        const found = await suggestions(q);
        if (input.value.trim() !== q) return;  // typed on meanwhile: a newer answer will come
        list.replaceChildren(...found.map((s) => el("option", { value: s.code }, s.name ? `${s.name} (${s.code})` : s.code)));
      } catch (e) { /* no suggestions is not an error worth showing */ }
    }, 150);
  });
  return el("span", { class: "actor-input" }, input, list);
}

export async function suggestions(q, limit = 10) {
  const answer = await api(COMPLETE, { q, limit });
  return (answer.items || answer || []).map((s) => ({ code: s.code, name: s.name || s.label || null }));
}

/** The display name of an actor code ("IGOUNO" -> "United Nations"), or null. */
export async function nameOf(code) {
  try {
    const found = await suggestions(code, 5);
    const exact = found.find((s) => s.code === String(code).toUpperCase());
    return exact ? exact.name : null;
  } catch (e) {
    return null;
  }
}
