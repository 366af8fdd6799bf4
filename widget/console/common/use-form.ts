// A form that sends one request: busy meanwhile, the server's problems next to the fields that have them, and a
// problem no field here shows on the form's alert line.
import { useState } from "preact/hooks";
import { ApiError } from "../shell/api.ts";
import { byField } from "./field.tsx";
import { useSubmit } from "./use-submit.ts";

// `fields`: the paths this form shows next to a field; an error on any other path is said on the alert line.
export function useForm(fields: readonly string[], options: { leaves?: boolean } = {}) {
  const { busy, run } = useSubmit(options);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState("");

  // The last attempt's problems go first.
  const submit = (work: () => Promise<unknown>) =>
    run(
      async () => {
        setErrors({});
        setAlert("");
        await work();
      },
      (err) => {
        const found = err instanceof ApiError ? byField(err.fields) : {};
        setErrors(found);
        if (!fields.some((f) => found[f])) setAlert((err as Error).message);
      },
    );

  return { busy, errors, setErrors, alert, setAlert, submit };
}
