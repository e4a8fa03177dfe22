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
        list.replaceChildren(...found.map((s) => el("option", { value: s.value }, s.label)));
      } catch (e) { /* no suggestions is not an error worth showing */ }
    }, 150);
  });
  return el("span", { class: "actor-input" }, input, list);
}

/** [{label, value}]: what to show, and what goes into the filter (a code, or a person's name). */
export async function suggestions(q, limit = 10) {
  return (await api(COMPLETE, { q, limit })).items || [];
}

/** The display name of an actor given as a code or a name ("IGOUNO" -> "United Nations"), or null. */
export async function nameOf(actor) {
  try {
    const found = await api("/api/actors/resolve", { name: actor });
    return found.name && found.name !== actor ? found.name : null;
  } catch (e) {
    return null;  // an unknown or ambiguous name is shown as typed
  }
}
