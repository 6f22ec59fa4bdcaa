#!/usr/bin/env python3
"""Every message key the server can send has its zh-CN and en text.

Keys are read from the sources: each message_key("a.b.c", …) literal, and the generic key "error.<code>"
of every error code (domain/core/error.cc, and the codes the HTTP layer answers with itself). The texts
live in web/src/shared/locales/errors.zh-CN.json and errors.en.json (flat: key → text with {placeholders}).
Prints each missing or empty text as FILE: key, and each placeholder the text names that the key's
arguments lack; exits 1 if there is any.
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
KEY = re.compile(r'message_key\(\s*"([a-z0-9_.]+)"')
CODE_NAME = re.compile(r'return "([a-z_]+)";')
ANSWER_CODE = re.compile(r'(?:Response::error|refusal)\(\s*[^,]+,\s*(?:\d+,\s*)?"([a-z_]+)"')


def source_keys(src):
    keys = {}
    for dirpath, _, names in os.walk(src):
        for name in names:
            if not name.endswith(('.cc', '.h')) or name.endswith('_test.cc'):
                continue
            path = os.path.join(dirpath, name)
            text = re.sub(r'//[^\n]*', '', open(path, encoding='utf-8').read())
            for m in KEY.finditer(text):
                keys.setdefault(m.group(1), os.path.relpath(path, ROOT))
            for m in ANSWER_CODE.finditer(text):
                keys.setdefault('error.' + m.group(1), os.path.relpath(path, ROOT))
    for m in CODE_NAME.finditer(open(os.path.join(src, 'domain', 'core', 'error.cc'), encoding='utf-8').read()):
        keys.setdefault('error.' + m.group(1), 'src/domain/core/error.cc')
    keys.setdefault('error.internal', 'src/http/error_response.cc')
    return keys


def main():
    src = os.path.join(ROOT, 'src')
    keys = source_keys(src)
    broken = []
    for lang in ('zh-CN', 'en'):
        path = os.path.join(ROOT, 'web', 'src', 'shared', 'locales', f'errors.{lang}.json')
        try:
            texts = json.load(open(path, encoding='utf-8'))
        except (OSError, ValueError) as e:
            print(f'{path}: cannot read: {e}')
            return 1
        for key, where in sorted(keys.items()):
            if not str(texts.get(key, '')).strip():
                broken.append(f'{os.path.relpath(path, ROOT)}: no text for "{key}" (sent by {where})')
    for b in broken:
        print(b)
    print(f'check_messages: {len(keys)} keys, {len(broken)} missing text(s)')
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main())
