/// The content words of a text as dictionary forms (増えた → 増える), from a morphological analyser.
/// The domain does no morphology itself (MeCab lives in KikitoriText); whoever has an analyser
/// passes one of these to what can read words as well as characters.
public typealias Lemmatizer = (String) -> [String]
