// "Simulate behaviour" in the preview: pages and events with a count each, visits, the gap since the previous visit,
// time on site and days since last active, typed as text and read by simulatedBehaviour() (simulate.ts).
import type { Simulation } from "./simulate.ts";

type Item = Simulation["pages"][number] | Simulation["events"][number];

function Num(props: { id: string; label: string; hint?: string; value: string; set(v: string): void; class?: string }) {
  return (
    <div class={`pb-field ${props.class ?? ""}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={0}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => props.set(e.currentTarget.value)}
      />
      {props.hint && (
        <span id={`${props.id}-hint`} class="pb-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}

// A list of named things with a count each (pages and their views, events and their times), added and removed.
function Counted<T extends Item>(props: {
  id: string;
  title: string;
  one: string;
  list: T[];
  set(list: T[]): void;
  fresh: T;
  name: [keyof T & string, string];
  count: [keyof T & string, string];
}) {
  const put = (i: number, k: string, v: string) =>
    props.set(props.list.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  return (
    <fieldset class="pb-sim-list">
      <legend>{props.title}</legend>
      {props.list.map((x, i) => {
        const id = `${props.id}-${i}`;
        const [nk, nl] = props.name;
        const [ck, cl] = props.count;
        return (
          <fieldset key={i} class="pb-cond-row">
            <legend class="banter-sr">
              {props.one} {i + 1}
            </legend>
            <div class="pb-field">
              <label for={`${id}-name`}>{nl}</label>
              <input
                id={`${id}-name`}
                type="text"
                value={String(x[nk])}
                onInput={(e) => put(i, nk, e.currentTarget.value)}
              />
            </div>
            <Num id={`${id}-count`} class="pb-sim-count" label={cl} value={String(x[ck])} set={(v) => put(i, ck, v)} />
            <button
              type="button"
              class="console-button-quiet"
              onClick={() => props.set(props.list.filter((_, j) => j !== i))}
            >
              Remove<span class="banter-sr"> {`${props.one.toLowerCase()} ${i + 1}`}</span>
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="console-button-quiet" onClick={() => props.set([...props.list, props.fresh])}>
        Add a{props.one === "Event" ? "n" : ""} {props.one.toLowerCase()}
      </button>
    </fieldset>
  );
}

export function SimulateFields(props: { sim: Simulation; set(s: Simulation): void }) {
  const { sim } = props;
  const put = (k: keyof Simulation) => (v: unknown) => props.set({ ...sim, [k]: v });
  return (
    <>
      <Counted
        id="pb-sim-page"
        title="Pages viewed"
        one="Page"
        list={sim.pages}
        set={put("pages")}
        fresh={{ url: "", views: "1" }}
        name={["url", "Address or path"]}
        count={["views", "Views"]}
      />
      <Counted
        id="pb-sim-event"
        title="Tracked events"
        one="Event"
        list={sim.events}
        set={put("events")}
        fresh={{ name: "", count: "1" }}
        name={["name", "Event name"]}
        count={["count", "Times"]}
      />
      <div class="pb-row">
        <Num id="pb-sim-visits" label="Visits" hint="This one included." value={sim.visits} set={put("visits")} />
        <Num
          id="pb-sim-return"
          label="Days since the previous visit"
          hint="Empty: the first visit."
          value={sim.daysSincePreviousVisit}
          set={put("daysSincePreviousVisit")}
        />
        <Num id="pb-sim-minutes" label="Minutes on site" value={sim.minutesOnSite} set={put("minutesOnSite")} />
        <Num
          id="pb-sim-idle"
          label="Days since last activity"
          hint="For inactivity decay."
          value={sim.daysSinceActive}
          set={put("daysSinceActive")}
        />
      </div>
    </>
  );
}
