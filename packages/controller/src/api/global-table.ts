// dynamodb.services.k8s.aws/v1alpha1 GlobalTable (the legacy 2017.11.29 global tables API).
import { Type, type Static } from 'typebox';
import { ACKResourceMetadata, Conditions, DateTime, objectEnvelope } from './common.js';

export const GlobalTableSpec = Type.Object(
  {
    globalTableName: Type.String({ description: 'The global table name.' }),
    replicationGroup: Type.Array(
      Type.Object(
        { regionName: Type.Optional(Type.String()) },
        { description: 'Represents the properties of a replica.' },
      ),
      { description: 'The Regions where the global table needs to be created.' },
    ),
  },
  { description: 'GlobalTableSpec defines the desired state of GlobalTable.' },
);
export type GlobalTableSpec = Static<typeof GlobalTableSpec>;

export const GlobalTableStatus = Type.Object(
  {
    ackResourceMetadata: Type.Optional(ACKResourceMetadata),
    conditions: Type.Optional(Conditions),
    creationDateTime: Type.Optional(DateTime({ description: 'The creation time of the global table.' })),
    globalTableStatus: Type.Optional(
      Type.String({ description: 'The current state of the global table: CREATING, UPDATING, DELETING, ACTIVE.' }),
    ),
  },
  { description: 'GlobalTableStatus defines the observed state of GlobalTable' },
);
export type GlobalTableStatus = Static<typeof GlobalTableStatus>;

export const GlobalTableSchema = Type.Object(
  { ...objectEnvelope, spec: Type.Optional(GlobalTableSpec), status: Type.Optional(GlobalTableStatus) },
  { description: 'GlobalTable is the Schema for the GlobalTables API' },
);
