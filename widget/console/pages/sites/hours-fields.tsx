// Business hours: off (always open), or a time zone and one open period per weekday.

import { type Errors, errorProps, Field, FieldError } from "./fields.tsx";
import { type SiteForm, weekdayOrder, weekdays } from "./form-values.ts";

const timeZones = (() => {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
})();

export function HoursFields(props: { form: SiteForm; errors: Errors; set(patch: Partial<SiteForm>): void }) {
  const { form, errors, set } = props;
  const setDay = (day: number, patch: Partial<SiteForm["days"][number]>) =>
    set({ days: form.days.map((d, i) => (i === day ? { ...d, ...patch } : d)) });
  return (
    <fieldset class="console-fieldset">
      <legend>Business hours</legend>
      <label class="console-check">
        <input type="checkbox" checked={form.hoursOn} onChange={(e) => set({ hoursOn: e.currentTarget.checked })} />
        Hand leads to reps only during business hours
      </label>
      {!form.hoursOn ? (
        <p class="console-field-hint">Always open: leads ring whenever a rep is available.</p>
      ) : (
        <>
          <Field id="timeZone" label="Time zone" errors={errors} hint="An IANA time zone, e.g. Europe/Paris">
            <input
              {...errorProps("timeZone", errors, true)}
              list="time-zones"
              value={form.timeZone}
              onInput={(e) => set({ timeZone: e.currentTarget.value })}
            />
          </Field>
          <datalist id="time-zones">
            {timeZones.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
          <ul class="console-days">
            {weekdayOrder.map((day) => {
              const d = form.days[day];
              const name = weekdays[day];
              if (!d) return null;
              return (
                <li key={day}>
                  <label class="console-check">
                    <input
                      type="checkbox"
                      checked={d.open}
                      onChange={(e) => setDay(day, { open: e.currentTarget.checked })}
                    />
                    Open on {name}
                  </label>
                  {d.open ? (
                    (["from", "to"] as const).map((end) => (
                      <span key={end} class="console-day-time">
                        <label for={`day-${day}-${end}`}>
                          {end === "from" ? "Opens" : "Closes"}
                          <span class="banter-sr"> on {name}</span>
                        </label>
                        <input
                          type="time"
                          {...errorProps(`day-${day}-${end}`, errors)}
                          value={d[end]}
                          onInput={(e) => setDay(day, { [end]: e.currentTarget.value })}
                        />
                        <FieldError id={`day-${day}-${end}`} errors={errors} />
                      </span>
                    ))
                  ) : (
                    <span class="console-field-hint">Closed</span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}
