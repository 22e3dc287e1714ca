#!/usr/bin/env python3
"""Refreshes a catalogue in translations/ from the sources and fills in translations.

Usage:
  tools/translate.py [--lang de|en]           refresh; list the messages that still need a translation
  tools/translate.py [--lang de|en] MAP.json  refresh, then translate from MAP.json:
                                     {"English source": "Deutsch", "%n file(s)": ["%n Datei", "%n Dateien"]}
The keys are the sources as written in the code (& not &amp;); a plural message takes a list of
two forms. German (de) is the default; the English catalogue (en) holds only the plural forms of
messages with %n ("%n file(s)" -> ["%n file", "%n files"]), as Qt needs for the source language.
"""
import glob, json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
lang = 'de'
if args[:1] == ['--lang']:
    lang, args = args[1], args[2:]
ts = os.path.join(root, 'translations', f'optimeter_{lang}.ts')
extra = ['-pluralonly', '-source-language', 'en', '-target-language', 'en'] if lang == 'en' else []
sources = sorted(f for d in ('app', 'views', 'models', 'services')
                 for f in glob.glob(os.path.join(root, d, '**', '*.[ch]*'), recursive=True))
subprocess.run(['/usr/lib/qt6/bin/lupdate', '-locations', 'none', '-no-obsolete', *extra, *sources, '-ts', ts],
               check=True, stdout=subprocess.DEVNULL)
text = open(ts, encoding='utf-8').read()
mapping = json.load(open(args[0], encoding='utf-8')) if args else {}

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')

def fill(match):
    head, source, rest = match.group(1), match.group(2), match.group(3)
    key = source.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&apos;', "'")
    key = key.replace('&amp;', '&')
    if key not in mapping:
        return match.group(0)
    value = mapping[key]
    if isinstance(value, list):
        forms = ''.join(f'\n            <numerusform>{esc(v)}</numerusform>' for v in value)
        return f'{head}<source>{source}</source>{rest}<translation>{forms}\n        </translation>'
    return f'{head}<source>{source}</source>{rest}<translation>{esc(value)}</translation>'

inside = r'(?:(?!</message>).)*?'  # never beyond the message's end
text = re.sub(r'(<message[^>]*>\s*)<source>(' + inside + r')</source>(' + inside + r')'
              r'<translation type="unfinished">' + inside + r'</translation>', fill, text, flags=re.S)
open(ts, 'w', encoding='utf-8').write(text)
left = re.findall(r'<source>(' + inside + r')</source>' + inside + r'<translation type="unfinished"',
                  text, flags=re.S)
for source in left:
    print('untranslated:', source)
sys.exit(1 if left else 0)
