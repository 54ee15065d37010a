/** The filter field at the left of a view's toolbar. */
export function FilterBox(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <input
      class="ls-input"
      type="search"
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.value}
      onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)}
    />
  );
}
