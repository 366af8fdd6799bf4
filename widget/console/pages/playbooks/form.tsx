// The form view of the draft, one section per part of the playbook; a new part is one more section here.
// Each section is one line until opened. Conditions (when, sql, rules) have controls and their own JSON box;
// variants and rates are edited in the JSON view.
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
      <SettingsSection playbook={p} />
      <QuestionsSection playbook={p} />
      <ScoringSection playbook={p} />
      <DisqualifiersSection playbook={p} />
      <AnswersSection playbook={p} siteKey={props.siteKey} />
      <FollowUpEmailsSection playbook={p} />
      <BotCopySection playbook={p} />
    </div>
  );
}
