// Selects an element's text (a code block) for the keyboard when the clipboard refused.
export function selectContents(el: Node | null): void {
  if (el) getSelection()?.selectAllChildren(el);
}

// Copies a link, a key, a secret or a snippet. Browsers can refuse the clipboard (permissions, an insecure origin):
// the text is then selected so the person can copy it with the keyboard. Either way the caller's status line says.
export function CopyButton(props: {
  text: string;
  label: string;
  primary?: boolean;
  copied: string;
  refused: string;
  select(): void;
  say(message: string): void;
  // The status line is emptied first, so a second copy is announced again.
  fresh?: boolean;
}) {
  const copy = async () => {
    if (props.fresh) props.say("");
    try {
      await navigator.clipboard.writeText(props.text);
      props.say(props.copied);
    } catch {
      props.select();
      props.say(props.refused);
    }
  };
  return (
    <button type="button" class={props.primary ? "banter-button" : "console-button-quiet"} onClick={copy}>
      {props.label}
    </button>
  );
}
