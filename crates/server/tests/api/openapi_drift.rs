//! The committed `openapi/openapi.json` must be what the code generates.

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let generated =
        reckot_server::openapi::to_pretty_json(&reckot_server::openapi::document()).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `just openapi` (reckot openapi --out openapi/openapi.json) and commit it"
    );
}

#[test]
fn every_operation_has_an_id_a_tag_and_documented_problems() {
    let doc = serde_json::to_value(reckot_server::openapi::document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{method} {path} has no tag"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.contains_key("500"),
                "{method} {path} documents no error"
            );
            for (status, r) in responses {
                // Readiness answers 503 with its own report of what is down, by design.
                let readiness_report = path == "/health/ready" && status == "503";
                if (status.starts_with('4') || status.starts_with('5')) && !readiness_report {
                    assert!(
                        r["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not problem+json"
                    );
                }
            }
        }
    }
}
