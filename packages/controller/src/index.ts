// CONTRACT (implemented by the controller owner):
//   ackCustomResourceDefinitions(): KubeObject[]       the ACK CRDs, generated from our TypeBox schemas
//   startController(options): Promise<Controller>      reconcilers for Table, GlobalTable, Backup, FieldExport
//   DynamoDBClient / createInProcessDynamoDBClient(engine) / createHttpDynamoDBClient({ endpoint, ... })
export {};
