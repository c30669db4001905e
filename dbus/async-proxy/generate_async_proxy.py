#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates a proxy header whose methods are all asynchronous, from the unchanged contract.

Usage: generate_async_proxy.py XML2CPP INTERFACE_XML OUTPUT_HEADER

sdbus-c++-xml2cpp makes a proxy method asynchronous when the method carries the annotation
org.freedesktop.DBus.Method.Async with the value "client" (or "clientserver"): it returns at once
and its reply goes to a virtual on<Method>Reply. The contract cannot say so itself, since its
clients differ: vitalsctl waits for each reply, the monitor never may, and the daemon's adaptor
reads "server" on methods that answer later. So this writes a copy of the contract with every
method annotated "client", runs the generator on that copy, and names the class
<Interface>_async_proxy: the generator names both proxies of one interface alike, and two classes
of one name in one program would break the one-definition rule.
"""
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

ASYNC = 'org.freedesktop.DBus.Method.Async'


def annotate_async(contract):
    """Marks every method of every interface asynchronous on the client's side."""
    for method in contract.iter('method'):
        for annotation in method.findall('annotation'):
            if annotation.get('name') == ASYNC:
                method.remove(annotation)
        ElementTree.SubElement(method, 'annotation', name=ASYNC, value='client')


def rename_proxies(header, contract):
    """Renames each interface's <Last>_proxy class to <Last>_async_proxy."""
    for interface in contract.iter('interface'):
        last = interface.get('name').split('.')[-1]
        header = re.sub(r'\b%s_proxy\b' % re.escape(last), last + '_async_proxy', header)
    return header


def main(xml2cpp, contract_path, output_path):
    contract = ElementTree.parse(contract_path)
    annotate_async(contract.getroot())
    with tempfile.NamedTemporaryFile(suffix='.xml') as annotated:
        contract.write(annotated.name, encoding='UTF-8', xml_declaration=True)
        subprocess.run([xml2cpp, annotated.name, '--proxy=' + output_path], check=True)
    with open(output_path, encoding='utf-8') as generated:
        header = generated.read()
    with open(output_path, 'w', encoding='utf-8') as renamed:
        renamed.write(rename_proxies(header, contract.getroot()))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    main(*sys.argv[1:])
