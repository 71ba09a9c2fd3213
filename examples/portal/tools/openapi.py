#!/usr/bin/env python3
"""Writes examples/portal/openapi.json, the OpenAPI 3.1 description of the portal's API.

The document is checked in; this script is how it is made (the eleven machines share one shape,
so their paths are generated). Run it from anywhere after changing the API; the integration
test `openapi` checks the document against the real responses, and schemathesis (.ci/run)
checks the server against the document.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
# The transition tables, from the engo CLI (or a file given as the first argument).
if len(sys.argv) > 1:
    TABLES = json.loads(pathlib.Path(sys.argv[1]).read_text())
else:
    TABLES = json.loads(subprocess.run(
        ["cargo", "run", "-q", "-p", "engo-cli", "--", "stages", "--format", "json"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
TABLE = {t["machine"]: t for t in TABLES}
RECORD_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
BIN = "^[0-9]{12}$"

MACHINES = [
    ("social_order", "social-orders", "a state social order (SO-…)"),
    ("grant", "grants", "a state grant (GR-…)"),
    ("application", "applications", "an application (APP-…)"),
    ("project", "projects", "a social project (PRJ-…)"),
    ("milestone", "milestones", "a project's milestone (`<project>.<milestone>`)"),
    ("ngo_report", "ngo-reports", "an annual NGO-database report (`<BIN>.<year>`)"),
    ("organization", "organizations", "an organisation (its BIN)"),
    ("award", "awards", "an award (AW-…)"),
    ("mediation_case", "mediation-cases", "a mediation case (MC-…)"),
    ("plan", "plans", "a plan of state grants or of the social order (PL-…)"),
    ("partnership_order", "partnership-orders", "a state order for strategic partnership (SP-…)"),
]

REF = lambda name: {"$ref": f"#/components/schemas/{name}"}


def error(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": REF("ErrorEnvelope")}},
    }


def ok(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


LANG = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "kk, ru or en (q-values honoured); Kazakh otherwise.",
    "schema": {"type": "string"},
}
LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
OFFSET = {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}
COMMON_ERRORS = {
    "400": error("Malformed request: the reason in the message."),
    "405": error("Method not allowed (the Allow header lists the allowed)."),
    "414": error("URI too long."),
    "431": error("Headers too large."),
}

paths = {}


def add(path, method, operation):
    operation.setdefault("parameters", []).append(LANG)
    for status, response in COMMON_ERRORS.items():
        operation["responses"].setdefault(status, response)
    paths.setdefault(path, {})[method] = operation


add("/", "get", {"operationId": "index", "summary": "The list of endpoints.",
                 "responses": {"200": ok({"type": "object"})}})
add("/health", "get", {"operationId": "health", "summary": "The process answers.",
                       "responses": {"200": ok(REF("Health"))}})
add("/ready", "get", {"operationId": "ready", "summary": "The writer runs and the database answers.",
                      "responses": {"200": ok(REF("Ready")), "503": error("Not ready.")}})
add("/metrics", "get", {"operationId": "metrics", "summary": "Prometheus text format.",
                        "responses": {"200": {"description": "Metrics.",
                                              "content": {"text/plain": {"schema": {"type": "string"}}}}}})
add("/openapi.json", "get", {"operationId": "openapi", "summary": "This document.",
                             "responses": {"200": ok({"type": "object"})}})
add("/log/head", "get", {"operationId": "logHead",
                         "summary": "The head of the published audit log: its last event's index, chain hash and time.",
                         "responses": {"200": ok(REF("LogHead"))}})
add("/stages", "get", {"operationId": "stages", "summary": "Every transition table.",
                       "responses": {"200": ok({"type": "object", "required": ["machines"]})}})
add("/stages/{machine}", "get", {
    "operationId": "stagesOfMachine", "summary": "One machine's transition table.",
    "parameters": [{"name": "machine", "in": "path", "required": True,
                    "schema": {"enum": sorted(TABLE) + sorted(m.replace("_", "-") for m in TABLE if "_" in m)}}],
    "responses": {"200": ok({"type": "object", "required": ["initial", "transitions"]}),
                  "404": error("No such machine.")}})
add("/organizations", "get", {
    "operationId": "listOrganizations",
    "summary": "Organisations, filtered by region (KATO), priority area and registry stage.",
    "parameters": [
        {"name": "region", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{9}$"}},
        {"name": "area", "in": "query", "schema": {"type": "string", "maxLength": 32}},
        {"name": "status", "in": "query", "schema": {"enum": TABLE["organization"]["stages"]}},
        LIMIT, OFFSET],
    "responses": {"200": ok(REF("OrganizationPage"))}})

# "mediation": the mediation cases as aggregate figures (the cases themselves are confidential).
FORMATS = ["json", "ndjson", "xml", "ocds", "ocds-records", "360giving", "csv", "mediation"]
FILE = {"description": "The file (Range, If-None-Match and gzip supported).",
        "headers": {"ETag": {"schema": {"type": "string"}}},
        "content": {"application/json": {"schema": {"type": "object"}},
                    **{t: {"schema": {"type": "string", "contentMediaType": t}}
                       for t in ["application/x-ndjson", "application/xml", "application/zip",
                                 "text/csv"]}}}
add("/open-data/{format}", "get", {
    "operationId": "openData", "summary": "An open-data export, generated once per position of the log.",
    "parameters": [{"name": "format", "in": "path", "required": True,
                    "schema": {"enum": FORMATS}}],
    "responses": {"200": FILE, "206": FILE, "304": {"description": "Not modified."},
                  "404": error("No such format."), "503": error("Too many downloads.")}})
add("/open-data/csv/{file}", "get", {
    "operationId": "openDataCsvFile", "summary": "One file of the CSV data package.",
    "parameters": [{"name": "file", "in": "path", "required": True,
                    "schema": {"type": "string", "maxLength": 64}}],
    "responses": {"200": FILE, "206": FILE, "304": {"description": "Not modified."},
                  "404": error("No such file."), "503": error("Too many downloads.")}})

for machine, route, what in MACHINES:
    id_param = {"name": "bin" if machine == "organization" else "id", "in": "path", "required": True,
                "description": what,
                "schema": {"type": "string", "pattern": BIN if machine == "organization" else RECORD_ID}}
    events = sorted({t["event"] for t in TABLE[machine]["transitions"]})
    name = "".join(p.title() for p in machine.split("_"))
    var = "{bin}" if machine == "organization" else "{id}"
    # A mediation case is confidential (Law on mediation No. 401-IV): never read, whoever asks;
    # its figures are /open-data/mediation.
    confidential = {"403": error("Mediation is confidential: its cases are never shown.")}
    if machine != "organization":
        add(f"/{route}", "get", {
            "operationId": f"list{name}", "summary": f"Every {machine}: id, stage, last seq.",
            "parameters": [{"name": "stage", "in": "query", "schema": {"enum": TABLE[machine]["stages"]}},
                           LIMIT, OFFSET],
            "responses": confidential if machine == "mediation_case" else {"200": ok(REF("RecordPage"))}})
    add(f"/{route}/{var}", "get", {
        "operationId": f"get{name}", "summary": f"One {machine}: the record, its stage and history.",
        "parameters": [id_param],
        "responses": confidential if machine == "mediation_case"
        else {"200": ok(REF("RecordView")), "404": error("Not found.")}})
    add(f"/{route}/{var}/events", "post", {
        "operationId": f"post{name}Event",
        "summary": f"Apply one event to a {machine}, as the authenticated principal.",
        "security": [{"bearer": []}],
        "parameters": [id_param],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "allOf": [REF("EventRequest")],
            "properties": {"event": {"enum": events}}}}}},
        "responses": {
            "201": ok(REF("Applied"), "Applied and written."),
            "401": error("No valid credentials."),
            "403": error("The principal may not make this event on this record."),
            "404": error("No such record."),
            "409": error("Stale seq, not allowed by the table, or a guard failed (with findings)."),
            "413": error("Body too large."),
            "415": error("The body is not application/json."),
            "429": error("Too many writes (Retry-After)."),
            "503": error("The writer's queue is full (Retry-After)."),
        }})

ROLES = ["authorized_body", "customer", "grant_operator", "applicant", "organization", "implementer",
         "expert_commission", "competition_commission", "review_body", "registry", "mediation"]
schemas = {
    "ErrorEnvelope": {
        "type": "object", "required": ["error"], "additionalProperties": False,
        "properties": {"error": {
            "type": "object", "required": ["status", "kind", "message", "lang"],
            "properties": {
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "kind": {"type": "string"},
                "message": {"type": "string"},
                "lang": {"enum": ["kk", "ru", "en"]},
                "findings": {"type": "array", "items": REF("Finding")},
                "expected_seq": {"type": "integer"},
                "transition": {"type": "string"},
                "roles": {"type": "array", "items": {"type": "string"}},
            }}}},
    "Finding": {"type": "object", "required": ["code", "severity", "path", "message"],
                "properties": {"code": {"type": "string"}, "severity": {"type": "string"},
                               "path": {"type": "string"}, "record": {"type": "string"},
                               "params": {"type": "object"}, "message": {"type": "string"}}},
    "Health": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
    "Ready": {"type": "object", "required": ["status", "log_index"],
              "properties": {"status": {"const": "ready"}, "log_index": {"type": "integer", "minimum": 0}}},
    "LogHead": {"type": "object", "required": ["index", "hash", "time", "events"],
                "description": "The head of the published log (its last event), as log-head.json of "
                               "engo publish: the open-data downloads carry this chain (engo verify). "
                               "index, hash and time are null while no published event exists; events "
                               "counts the portal's whole log, confidential events included.",
                "properties": {"index": {"type": ["integer", "null"], "minimum": 0},
                               "hash": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                               "time": {"type": ["string", "null"], "format": "date-time"},
                               "events": {"type": "integer", "minimum": 0}}},
    "Links": {"type": "object", "required": ["self"],
              "properties": {"self": {"type": "string"}, "next": {"type": "string"},
                             "prev": {"type": "string"}}},
    "RecordPage": {"type": "object", "required": ["total", "offset", "limit", "items", "links"],
                   "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                  "limit": {"type": "integer"}, "links": REF("Links"),
                                  "items": {"type": "array", "items": {
                                      "type": "object", "required": ["id", "stage", "seq"],
                                      "additionalProperties": False,
                                      "properties": {"id": {"type": "string"}, "stage": {"type": "string"},
                                                     "seq": {"type": "integer", "minimum": 0}}}}}},
    "OrganizationPage": {"type": "object", "required": ["total", "offset", "limit", "organizations", "links"],
                         "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                        "limit": {"type": "integer"}, "links": REF("Links"),
                                        "organizations": {"type": "array", "items": {"type": "object",
                                                          "required": ["bin", "status"]}}}},
    "Actor": {"type": "object", "required": ["role", "org"], "additionalProperties": False,
              "properties": {"role": {"enum": ROLES}, "org": {"type": "string", "pattern": "^[0-9]{12}$"}}},
    "RecordView": {"type": "object", "required": ["machine", "id", "stage", "seq", "record", "history"],
                   "properties": {"machine": {"enum": [m for m, _, _ in MACHINES]},
                                  "id": {"type": "string"}, "stage": {"type": "string"},
                                  "seq": {"type": "integer", "minimum": 0}, "record": {"type": "object"},
                                  "history": {"type": "array", "items": {
                                      "type": "object",
                                      "required": ["from", "to", "machine", "entity", "seq", "at", "actor", "event", "profile"],
                                      "properties": {"from": {"type": "string"}, "to": {"type": "string"},
                                                     "seq": {"type": "integer", "minimum": 1},
                                                     "at": {"type": "string", "format": "date-time"},
                                                     "actor": REF("Actor"),
                                                     "prev_hash": {
                                                         "type": "string", "pattern": "^[0-9a-f]{64}$",
                                                         "description": "The link in the published log's "
                                                                        "chain (GET /log/head)."}}}}}},
    "EventRequest": {
        "type": "object", "required": ["seq", "event"], "additionalProperties": False,
        "description": "The actor is the authenticated principal; the time is the server's clock.",
        "properties": {
            "seq": {"type": "integer", "minimum": 1,
                    "description": "The record's last seq + 1 (optimistic concurrency)."},
            "event": {"type": "string", "description": "An event of the machine's table."},
            "payload": {"type": "object", "additionalProperties": False,
                        "properties": {"winner": {"type": "string", "pattern": BIN},
                                       "amount": {"type": "string", "pattern": "^[0-9]{1,15}\\.[0-9]{2}$"},
                                       "application": {"type": "string", "pattern": RECORD_ID},
                                       "evaluation": {"type": "string", "pattern": RECORD_ID},
                                       "project": {"type": "string", "pattern": RECORD_ID},
                                       "report": {"type": "string", "pattern": RECORD_ID}}},
            "reason": {"type": "object", "additionalProperties": False,
                       "properties": {l: {"type": "string", "maxLength": 2000} for l in ["kk", "ru", "en"]}},
        }},
    "Applied": {"type": "object",
                "required": ["machine", "id", "seq", "event", "transition", "from", "stage", "at", "actor",
                             "profile", "log_index"],
                "additionalProperties": False,
                "properties": {"machine": {"type": "string"}, "id": {"type": "string"},
                               "seq": {"type": "integer", "minimum": 1}, "event": {"type": "string"},
                               "transition": {"type": "string"}, "from": {"type": "string"},
                               "stage": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
                               "actor": REF("Actor"), "profile": {"type": "string"},
                               "log_index": {"type": "integer", "minimum": 0}}},
}

document = {
    "openapi": "3.1.0",
    "info": {"title": "E-NGO portal (engo reference service)", "version": "0.1.0",
             "description": "Reads are public; every write is made by an authenticated principal "
                            "(Authorization: Bearer <token>). Every error is the JSON envelope "
                            "ErrorEnvelope, in the language of Accept-Language."},
    "servers": [{"url": "/"}],
    "paths": paths,
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "An API token (portal token issue)."}}},
}
out = pathlib.Path(__file__).resolve().parent.parent / "openapi.json"
out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
print(f"{out}: {len(paths)} paths")
