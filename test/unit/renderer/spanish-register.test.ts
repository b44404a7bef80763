import assert from 'node:assert/strict';
import { test } from 'node:test';
import { es } from '../../../renderer/src/i18n/es';

// The console speaks to staff with "tú". These are the usted forms a message to the user would
// take: the formal imperatives of the verbs the console asks for, "usted" itself, and the formal
// object pronouns on an imperative ("pídale", "inténtelo"). Subjunctives in a clause about
// someone else ("pide a un encargado que inicie sesión") are not addressed to the user, so only
// a sentence's first word, or any word after a colon, is read as an imperative.
const formalImperatives = [
  'escanee', 'pulse', 'introduzca', 'seleccione', 'compruebe', 'espere', 'pida', 'elija', 'escriba', 'vuelva', 'inicie',
  'reinicie', 'conecte', 'desconecte', 'asigne', 'cargue', 'cierre', 'abra', 'encienda', 'apague', 'quite', 'marque',
  'deje', 'configure', 'revise', 'avise', 'rellene', 'acepte', 'aparte', 'corrija', 'lleve', 'ponga', 'retire', 'cuente',
  'recuente', 'guarde', 'use', 'consulte', 'toque', 'haga', 'elimine', 'añada', 'cambie', 'indique', 'confirme',
  'entregue', 'devuelva', 'imprima', 'reimprima', 'prepare', 'busque', 'vaya', 'tenga', 'pruebe', 'intente', 'solicite',
  'contacte', 'llame', 'teclee', 'anote', 'avísenos', 'disculpe',
];

function formalPhrases(text: string): string[] {
  const found = [...text.matchAll(/(?<![\p{L}])(ustedes|usted|le rogamos|pídale|dígale|inténtelo|avísele|compruébelo|revíselo|pregúntele|escríbalo|escanéelo)(?![\p{L}])/giu)].map((m) => m[1]!);
  // A sentence's (or a clause after a colon's) first word.
  for (const match of text.matchAll(/(?:^|[.:;!?¿¡]\s+|\n)([A-Za-zÁÉÍÓÚáéíóúñÑ]+)/g)) {
    if (formalImperatives.includes(match[1]!.toLowerCase())) found.push(match[1]!);
  }
  return found;
}

const strings = (o: object, prefix = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : strings(v as object, `${prefix}${k}.`)));

test('the check finds usted forms (it would catch a slip)', () => {
  assert.deepEqual(formalPhrases('Escanee el producto.'), ['Escanee']);
  assert.deepEqual(formalPhrases('Sin papel: cargue un rollo.'), ['cargue']);
  assert.deepEqual(formalPhrases('Pídale a un encargado que lo apruebe.'), ['Pídale']);
  assert.deepEqual(formalPhrases('Si usted lo desea'), ['usted']);
  assert.deepEqual(formalPhrases('Pide a un encargado que inicie sesión. Escanea el producto: compruébalo.'), []);
});

test('Spanish speaks to staff with "tú" throughout: no usted forms in es.ts', () => {
  const formal = strings(es).flatMap(([key, text]) => formalPhrases(text).map((word) => `${key}: «${word}» in "${text}"`));
  assert.deepEqual(formal, []);
});
