"use strict";
// Node CommonJS entry: the nodejs glue instantiates itself synchronously when required.
const { heal } = require("./wasm/heal.cjs");
const { ConnectorError, trapAnswers } = require("./wasm/errors.cjs");

module.exports = { ...heal(require("./wasm/node/connector_kit.js"), { ErrorClass: ConnectorError, answers: trapAnswers }), ConnectorError };
