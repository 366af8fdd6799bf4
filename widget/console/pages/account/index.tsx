// Everyone's own account: the name teammates and visitors see, the emails they get, and the password.
import type { PageProps } from "../../shell/page-props.ts";
import { NameForm } from "./name-form.tsx";
import { NotificationsForm } from "./notifications-form.tsx";
import { PasswordForm } from "./password-form.tsx";

export function AccountPage({ user }: PageProps) {
  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Your account
      </h1>
      <p>
        Signed in as <strong>{user.email}</strong> ({user.role === "owner" ? "owner" : "rep"}).
      </p>
      <NameForm name={user.name} />
      <NotificationsForm owner={user.role === "owner"} />
      <PasswordForm />
    </section>
  );
}
