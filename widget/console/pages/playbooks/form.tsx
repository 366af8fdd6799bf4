// The form view of the draft, one section per part of the playbook; a new part is one more section here.
// Conditions (when, sql) nest, so they are small JSON boxes; variants and rates are edited in the JSON view.
import { useContext } from "preact/hooks";
import type { Playbook } from "../../../../shared/engine/playbook.ts";
import { Editor } from "./fields.tsx";
import { AnswersSection } from "./sections/answers.tsx";
import { BotCopySection } from "./sections/bot-copy.tsx";
import { DisqualifiersSection } from "./sections/disqualifiers.tsx";
import { FollowUpEmailsSection } from "./sections/follow-up-emails.tsx";
import { QuestionsSection } from "./sections/questions.tsx";
import { ScoringSection } from "./sections/scoring.tsx";
import { SettingsSection } from "./sections/settings.tsx";

export function PlaybookForm(props: { siteKey: string }) {
  const p = useContext(Editor).draft as Playbook;
  return (
    <div class="pb-form">
      <SettingsSection />
      <AnswersSection playbook={p} siteKey={props.siteKey} />
      <QuestionsSection playbook={p} />
      <ScoringSection playbook={p} />
      <DisqualifiersSection playbook={p} />
      <FollowUpEmailsSection playbook={p} />
      <BotCopySection />
    </div>
  );
}
