'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { BLOOD_PRESSURE, QUANTITY_VITALS, unitLabel } from './vital-signs';
import type { QuantityVital } from './vital-signs';
import { EMPTY_VITALS, parseVitals, temperatureOffer } from './parse-vitals';
import type { VitalError, VitalsInput, VitalsEntry } from './parse-vitals';
import { TEMPERATURE_RANGES } from './temperature';
import { TemperatureUnitSwitch } from './temperature-unit-switch';
import { flagTyped, normalRange } from './typed-flags';
import type { FlaggedMeasure } from './vital-flags';
import { useTemperatureUnit } from './use-temperature-unit';

interface VitalsFormProps {
  saving: boolean;
  onSubmit(entries: VitalsEntry[]): void;
}

export function VitalsForm({ saving, onSubmit }: VitalsFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState(EMPTY_VITALS);
  const [errors, setErrors] = useState<Partial<Record<keyof VitalsInput | 'form', VitalError>>>({});
  const [temperatureUnit, setTemperatureUnit] = useTemperatureUnit();
  const offer = temperatureOffer(values.temperature, temperatureUnit);
  const flags = flagTyped(values, temperatureUnit);

  /** "⚠ High. Normal for adults: 60–100 /min." under a field whose value is out of range. */
  const flagHint = (measure: FlaggedMeasure, unit: string) => {
    const flag = flags.fields[measure];
    if (!flag || flag === 'N') return undefined;
    return t('vitals.flagHint', {
      flag: t(`vitals.flag.${flag}`),
      ...normalRange(measure, temperatureUnit),
      unit: unitLabel(unit),
    });
  };

  const message = (error: VitalError | undefined) =>
    !error
      ? undefined
      : error.code === 'range'
        ? t('vitals.error.range', { min: error.min, max: error.max, unit: error.unit })
        : error.code === 'pair'
          ? t('vitals.error.bpPair')
          : t('vitals.error.none');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseVitals(values, temperatureUnit);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    onSubmit(parsed.entries);
    setValues(EMPTY_VITALS);
  }

  const field = (
    name: keyof VitalsInput,
    label: string,
    unit: string,
    range: { min: number; max: number },
    step: number,
    hint = name === 'weight' ? undefined : flagHint(name, unit),
  ) => (
    <TextField
      key={name}
      label={`${label} (${unitLabel(unit)})`}
      name={name}
      type="number"
      inputMode="decimal"
      min={range.min}
      max={range.max}
      step={step}
      value={values[name]}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      hint={hint}
      error={message(errors[name])}
    />
  );
  const quantity = (vital: QuantityVital) =>
    vital.kind === 'temperature' ? (
      <div key={vital.kind} className="flex flex-col gap-2">
        <TemperatureUnitSwitch unit={temperatureUnit} onChange={setTemperatureUnit} />
        {field(
          vital.kind,
          t('vitals.temperature'),
          temperatureUnit,
          TEMPERATURE_RANGES[temperatureUnit],
          vital.step,
          offer
            ? t('vitals.otherUnit', {
                typed: offer.typed,
                from: unitLabel(offer.from),
                converted: offer.converted,
                to: unitLabel(offer.to),
              })
            : flagHint('temperature', temperatureUnit),
        )}
        {offer ? (
          <Button
            variant="secondary"
            onClick={() => {
              setValues((v) => ({ ...v, temperature: String(offer.converted) }));
              setErrors(({ temperature: _converted, ...rest }) => rest);
            }}
          >
            {t('vitals.useConverted', { value: offer.converted, unit: unitLabel(offer.to) })}
          </Button>
        ) : null}
      </div>
    ) : (
      field(vital.kind, t(`vitals.${vital.kind}`), vital.unit, vital, vital.step)
    );

  return (
    <form onSubmit={submit} noValidate className={`${cardClass} flex flex-col gap-4`}>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-lg font-semibold">{t('vitals.bloodPressure')}</legend>
        <div className="grid grid-cols-2 items-end gap-3">
          {field('systolic', t('vitals.systolic'), BLOOD_PRESSURE.unit, BLOOD_PRESSURE.systolic, 1)}
          {field(
            'diastolic',
            t('vitals.diastolic'),
            BLOOD_PRESSURE.unit,
            BLOOD_PRESSURE.diastolic,
            1,
          )}
        </div>
        {/* Present while empty, so screen readers announce the category when it appears. */}
        <div role="status">
          {flags.bloodPressure && flags.bloodPressure !== 'normal' ? (
            <p className="text-base font-semibold text-red-800">
              ⚠ {t(`vitals.bpCategory.${flags.bloodPressure}`)}
            </p>
          ) : null}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">{QUANTITY_VITALS.map(quantity)}</div>
      {errors.form ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-base text-red-800">
          {message(errors.form)}
        </p>
      ) : null}
      <Button type="submit" disabled={saving}>
        {t('vitals.save')}
      </Button>
    </form>
  );
}
