"""The embedded sample corpus: short reports written for sitrep, the demo input of every stage."""
