/**
 * A labelled drop-down of numbers: the label, then the select (its id doubles as its test id). Each
 * choice shows `label` and stands for `value`; `onChange` gets the number chosen.
 */
export function NumberSelect({
  id,
  label,
  value,
  choices,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  choices: readonly { value: number; label: string }[];
  disabled?: boolean;
  onChange: (value: number) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>{' '}
      <select
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        disabled={disabled}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}
