'use client';

/** One of a few options as a row of large radio buttons (each at least 44 px), under a legend. */
export function SegmentedChoice<T extends string>({
  legend,
  name,
  options,
  value,
  labelOf,
  onChange,
  className = '',
}: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T;
  labelOf(option: T): string;
  onChange(option: T): void;
  className?: string;
}) {
  return (
    <fieldset className={`flex flex-wrap items-center gap-x-3 gap-y-1 ${className}`}>
      <legend className="float-left mr-1 text-base font-medium text-slate-900">{legend}</legend>
      <div className="inline-flex flex-wrap overflow-hidden rounded-lg border border-slate-500">
        {options.map((option) => (
          <label
            key={option}
            className="inline-flex min-h-11 min-w-14 cursor-pointer items-center justify-center px-3 text-base font-semibold text-slate-900 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
              className="sr-only"
            />
            {labelOf(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
