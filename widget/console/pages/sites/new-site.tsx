// A new site needs a name and where it will be embedded; everything else starts from the defaults and is edited
// on the site's page, where the new site opens.
import { useState } from "preact/hooks";
import type { SiteResult } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { href, navigate } from "../../shell/router.ts";
import { type Errors, errorProps, Field } from "./fields.tsx";
import { errorsByField, originLines } from "./form-values.ts";

export function NewSite() {
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  // Busy until the new site's page replaces this one.
  const { busy, run } = useSubmit({ leaves: true });

  const create = (e: Event) => {
    e.preventDefault();
    void run(
      async () => {
        setStatus("Creating…");
        const { site } = await api<SiteResult>("POST", "/api/sites", { name, allowedOrigins: originLines(origins) });
        navigate(href("sites", site.key));
      },
      (err) => {
        const fields = err instanceof ApiError ? errorsByField(err.fields, []) : {};
        setErrors(fields);
        setStatus(`Not created: ${Object.keys(fields).length ? "see the fields above." : (err as Error).message}`);
        setTimeout(() => document.querySelector<HTMLElement>('.console-new-site [aria-invalid="true"]')?.focus(), 0);
      },
    );
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <p>
        <a href={href("sites")}>All sites</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        New site
      </h1>
      <form class="console-card console-new-site" onSubmit={create} noValidate>
        <Field id="name" label="Site name" errors={errors}>
          <input {...errorProps("name", errors)} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field
          id="origins"
          label="Origins allowed to show the chat"
          errors={errors}
          hint="One per line, e.g. https://www.acme.com, or http://localhost:* for any port."
        >
          <textarea
            {...errorProps("origins", errors, true)}
            rows={3}
            value={origins}
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
        </Field>
        <div class="console-form-actions">
          <button type="submit" class="banter-button" disabled={busy}>
            Create site
          </button>
          <p role="status">{status}</p>
        </div>
      </form>
    </section>
  );
}
