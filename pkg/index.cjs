"use strict";
// Node CommonJS entry: the nodejs glue instantiates itself synchronously when required; the
// manager module is required on first use, like the ES entries import it.
const { heal } = require("./wasm/heal.cjs");
const { ConnectorError, results, trapAnswers } = require("./wasm/errors.cjs");
const { lazyManage } = require("./wasm/manage.cjs");

const manage = lazyManage(async () => ({
  api: heal(require("./wasm/node-manage/connector_kit_manage.js"), { ErrorClass: ConnectorError }),
}));

module.exports = {
  ...heal(require("./wasm/node/connector_kit.js"), { ErrorClass: ConnectorError, answers: trapAnswers, results }),
  ConnectorError,
  ...manage,
};
